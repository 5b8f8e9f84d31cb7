package dev.bazaar.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DisputeLossTest {

    final UUID a = UUID.randomUUID();
    final UUID b = UUID.randomUUID();

    @Test
    void aLostDisputeIsTakenFromEachSellerInProportionToWhatTheyStillHad() {
        Split sa = Split.charged(a, 10_000, 500, 800, 1_000);
        Split sb = Split.charged(b, 2_000, 0, 160, 200);
        DisputeLoss loss = DisputeLoss.allocate(List.of(sa, sb), 13_460);
        assertThat(loss.unallocated()).isZero();
        assertThat(loss.parts().get(a)).isEqualTo(new RefundParts(10_000, 500, 800, 1_000));
        assertThat(loss.parts().get(b)).isEqualTo(new RefundParts(2_000, 0, 160, 200));
    }

    @Test
    void whatExceedsTheSharesStillRefundableIsThePlatformsLoss() {
        Split sa = Split.charged(a, 10_000, 500, 800, 1_000).after(new RefundParts(10_000, 500, 800, 1_000));
        Split sb = Split.charged(b, 2_000, 0, 160, 200);
        DisputeLoss loss = DisputeLoss.allocate(List.of(sa, sb), 13_460);
        assertThat(loss.parts()).containsOnlyKeys(b);
        assertThat(loss.parts().get(b).amount()).isEqualTo(2_160);
        assertThat(loss.unallocated()).isEqualTo(13_460 - 2_160);
    }

    @Test
    void partsAlwaysSumToTheAmountAndFitWhatIsLeft() {
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            Split sa = Split.charged(a, 1 + random.nextInt(50_000), random.nextInt(2_000), random.nextInt(5_000), 0);
            sa = new Split(a, sa.goods(), sa.shipping(), sa.tax(), random.nextInt((int) sa.goods() + 1), 0, 0, 0, 0);
            Split sb = Split.charged(b, 1 + random.nextInt(50_000), random.nextInt(2_000), random.nextInt(5_000), 0);
            long amount = random.nextInt((int) (sa.total() + sb.total() + 5_000));
            DisputeLoss loss = DisputeLoss.allocate(List.of(sa, sb), amount);
            long allocated = loss.parts().values().stream()
                    .mapToLong(RefundParts::amount)
                    .sum();
            assertThat(allocated + loss.unallocated()).isEqualTo(amount);
            for (Split s : List.of(sa, sb)) {
                RefundParts p = loss.parts().get(s.shopId());
                if (p != null) {
                    assertThat(p.fitsIn(s)).isTrue();
                }
            }
        }
    }
}
