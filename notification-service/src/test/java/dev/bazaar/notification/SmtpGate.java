package dev.bazaar.notification;

import dev.bazaar.devstack.testing.Mailbox;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;

/**
 * A switch in front of the test devstack's SMTP server: while shut, every connection is closed at once (the server is
 * "down" for the mailer); while open, connections are passed through to the real server. The mailer of a test profile
 * that uses it points here ({@code quarkus.mailer.port}).
 */
public class SmtpGate implements QuarkusTestResourceLifecycleManager {

    private static volatile boolean open;
    private static ServerSocket server;

    @Override
    public synchronized Map<String, String> start() {
        try {
            if (server == null) {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                Thread t = new Thread(SmtpGate::accept, "smtp-gate");
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        open = false;
        return Map.of(
                "quarkus.mailer.mock",
                "false",
                "quarkus.mailer.host",
                "127.0.0.1",
                "quarkus.mailer.port",
                String.valueOf(server.getLocalPort()),
                "quarkus.mailer.start-tls",
                "DISABLED");
    }

    @Override
    public void stop() {
        open = false;
    }

    static void open() {
        open = true;
    }

    static void shut() {
        open = false;
    }

    private static void accept() {
        while (true) {
            try {
                Socket client = server.accept();
                if (!open) {
                    client.close();
                    continue;
                }
                Socket upstream = new Socket(Mailbox.smtpHost(), Mailbox.smtpPort());
                pipe(client.getInputStream(), upstream.getOutputStream(), upstream);
                pipe(upstream.getInputStream(), client.getOutputStream(), client);
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private static void pipe(InputStream in, OutputStream out, Socket closeAfter) {
        Thread t = new Thread(
                () -> {
                    try (closeAfter) {
                        in.transferTo(out);
                    } catch (IOException e) {
                        // the other side closed: so does this one
                    }
                },
                "smtp-gate-pipe");
        t.setDaemon(true);
        t.start();
    }
}
