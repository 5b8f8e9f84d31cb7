package dev.bazaar.payment.config;

import dev.bazaar.payment.domain.PaymentSafety;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a native image cannot find by itself: the production rules the kit's safety check loads through
 * {@code ServiceLoader} (Quarkus turns GraalVM's automatic ServiceLoader support off; the provider file is a native
 * resource, application.properties).
 */
@RegisterForReflection(targets = PaymentSafety.class)
public final class NativeRegistrations {

    private NativeRegistrations() {}
}
