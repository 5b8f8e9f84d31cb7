import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * A closed-model upload driver for product media: {@code workers} sellers' clients each upload a ~2 MB JPEG
 * (photo-like: a gradient under noise, 2400 × 1800; 32 different ones made before the run, so the driver spends no CPU
 * on them while it measures) to {@code POST /api/v1/seller/media} back to back for {@code seconds}, after a warm-up,
 * and delete what they uploaded at the end. A repeated photo costs the service the same work as a new one (it knows a
 * repeat only by the digest of the renditions it made) and answers the same media. An upload's latency is the whole request: body sent, size and header
 * checks, decode, three renditions encoded, three objects written to S3, the row recorded. Run with a JDK 21+:
 * {@code java bench/lib/UploadLoad.java <catalog-url> <bearer> <workers> <seconds> [warm-up seconds]}. Prints one JSON
 * line: uploads, errors, throughput per second, the upload's size, P50/P95/P99/max in ms.
 */
public class UploadLoad {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String bearer = args[1];
        int workers = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<byte[]> photos = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            photos.add(photo(i));
        }
        java.util.Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        run(http, base, bearer, workers, warmup, ids, photos);
        Result r = run(http, base, bearer, workers, seconds, ids, photos);
        int deleted = 0;
        for (String id : ids) {
            HttpResponse<Void> d = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/seller/media/" + id))
                    .header("Authorization", "Bearer " + bearer).DELETE().build(), HttpResponse.BodyHandlers.discarding());
            deleted += d.statusCode() == 204 ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "{\"workers\": %d, \"seconds\": %d, \"uploads\": %d, \"errors\": %d, "
                + "\"per_second\": %.2f, \"upload_bytes_avg\": %d, \"p50_ms\": %.1f, \"p95_ms\": %.1f, "
                + "\"p99_ms\": %.1f, \"max_ms\": %.1f, \"deleted_after\": %d}%n", workers, seconds, r.ok, r.errors,
                r.ok / (double) seconds, r.bytes, r.pct(50), r.pct(95), r.pct(99), r.pct(100), deleted);
    }

    record Result(int ok, int errors, long bytes, double[] sorted) {
        double pct(int p) {
            if (sorted.length == 0) {
                return 0;
            }
            int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
        }
    }

    static Result run(HttpClient http, String base, String bearer, int workers, int seconds, java.util.Set<String> ids,
            List<byte[]> photos) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger seq = new AtomicInteger();
        long[] bytes = new long[workers];
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            threads.add(Thread.ofPlatform().start(() -> {
                int sent = 0;
                while (System.nanoTime() < end) {
                    byte[] jpeg = photos.get(seq.incrementAndGet() % photos.size());
                    String boundary = "bench" + Long.toHexString(System.nanoTime());
                    byte[] body = multipart(boundary, jpeg);
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/seller/media"))
                                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + bearer)
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        double ms = (System.nanoTime() - t0) / 1e6;
                        Matcher m = ID.matcher(r.body());
                        if (r.statusCode() == 201 && m.find()) {
                            latencies.add(ms);
                            ids.add(m.group(1));
                            bytes[worker] += jpeg.length;
                            sent++;
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
                bytes[worker] = sent == 0 ? 0 : bytes[worker] / sent;
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        long avg = 0;
        for (long b : bytes) {
            avg += b / workers;
        }
        return new Result(sorted.length, errors.get(), avg, sorted);
    }

    /** A photo-like JPEG of about 2 MB: a gradient under per-pixel noise, different for every {@code seed}. */
    static byte[] photo(int seed) {
        int w = 2400;
        int h = 1800;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int n = random.nextInt(64);
                int r = Math.min(255, x * 200 / w + n);
                int g = Math.min(255, y * 200 / h + n);
                int b = Math.min(255, 120 + n);
                row[x] = (r << 16) | (g << 8) | b;
            }
            img.setRGB(0, y, w, 1, row, 0, w);
        }
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                ImageWriteParam p = writer.getDefaultWriteParam();
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionQuality(0.90f);
                writer.write(null, new IIOImage(img, null, null), p);
            } finally {
                writer.dispose();
            }
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] multipart(String boundary, byte[] jpeg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(jpeg);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
