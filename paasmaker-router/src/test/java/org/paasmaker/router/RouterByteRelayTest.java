package org.paasmaker.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@link ByteRelayHandler} passes between a client and an instance, over real sockets: the
 * response as the client gets it (version, hop-by-hop headers, each way a body is framed), the request
 * as the instance gets it, and which backend connections are kept. A header line written
 * {@code Name:value} (no space) shows that the bytes were relayed: Netty's codec would write it
 * {@code Name: value}.
 */
class RouterByteRelayTest extends ByteRelayFixture {

    @Test
    void theClientGetsHttp11WithoutTheHopByHopHeadersAndTheBodyUntouched() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < 256; i++) {
            body.write(i);
        }
        body.write(bytes("\r\n\r\nHTTP/1.1 200 OK\r\n\r\n0\r\n\r\n"));
        byte[] sent = body.toByteArray();
        ScriptedBackend backend = backend(exchange -> exchange.send(bytes("HTTP/1.0 200 Fine\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "Connection: keep-alive, X-Private\r\n"
                + "Keep-Alive: timeout=5\r\n"
                + "X-Private: secret\r\n"
                + "Upgrade: h2c\r\n"
                + "Proxy-Connection: keep-alive\r\n"
                + "Proxy-Authenticate: Basic\r\n"
                + "TE: trailers\r\n"
                + "X-Kept:kept\r\n"
                + "Content-Length: " + sent.length + "\r\n\r\n")).send(sent));
        ByteClient client = client(router(backend));

        ByteClient.Response response = client.exchange(ByteClient.get("/"));

        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 200 Fine");
        assertThat(response.headers()).containsExactly("Content-Type: application/octet-stream", "X-Kept:kept",
                "Content-Length: " + sent.length);
        assertThat(response.body()).isEqualTo(sent);
    }

    @Test
    void aChunkedBodyPassesAsItCameWithItsExtensionsAndTrailers() throws Exception {
        String chunks = "5;name=value\r\nhello\r\n6;a;b=\"c\"\r\n world\r\n0\r\nX-Checksum: abc\r\nX-Other:2\r\n\r\n";
        ScriptedBackend backend = backend(exchange -> {
            if (exchange.request().path().equals("/chunked")) {
                // In two writes that split a chunk: the router follows the chunks across reads.
                exchange.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks.substring(0, 20));
                exchange.send(chunks.substring(20));
            } else {
                exchange.send(ok("next"));
            }
        });
        ByteClient client = client(router(backend));

        ByteClient.Response chunked = client.exchange(ByteClient.get("/chunked"));
        ByteClient.Response next = client.exchange(ByteClient.get("/next"));

        assertThat(chunked.headers()).containsExactly("Transfer-Encoding: chunked");
        assertThat(chunked.wireText()).isEqualTo(chunks);
        assertThat(chunked.text()).isEqualTo("hello world");
        assertThat(next.text()).isEqualTo("next");
        assertThat(backend.accepted()).as("the connection is kept once the last chunk and the trailers passed").isEqualTo(1);
    }

    @Test
    void aHeadResponseAnd204And304HaveNoBodyWhateverTheirLength() throws Exception {
        ScriptedBackend backend = backend(exchange -> exchange.send(switch (exchange.request().path()) {
            case "/head" -> "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\nContent-Type: text/plain\r\n\r\n";
            case "/chunked-head" -> "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
            case "/204" -> "HTTP/1.1 204 No Content\r\nX-Done:yes\r\n\r\n";
            case "/304" -> "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\nContent-Length: 50\r\n\r\n";
            default -> ok("after");
        }));
        ByteClient client = client(router(backend));

        ByteClient.Response head = client.exchange("HEAD /head HTTP/1.1\r\nHost: app.com\r\n\r\n");
        ByteClient.Response chunkedHead = client.exchange("HEAD /chunked-head HTTP/1.1\r\nHost: app.com\r\n\r\n");
        ByteClient.Response noContent = client.exchange(ByteClient.get("/204"));
        ByteClient.Response notModified = client.exchange(ByteClient.get("/304"));
        // Had the router waited for a body, this would not come; had it passed one on, it would read wrong.
        ByteClient.Response after = client.exchange(ByteClient.get("/after"));

        assertThat(head.headers()).containsExactly("Content-Length: 1234", "Content-Type: text/plain");
        assertThat(chunkedHead.headers()).containsExactly("Transfer-Encoding: chunked");
        assertThat(noContent.statusLine()).isEqualTo("HTTP/1.1 204 No Content");
        assertThat(noContent.headers()).containsExactly("X-Done:yes");
        assertThat(notModified.headers()).containsExactly("ETag: \"v1\"", "Content-Length: 50");
        assertThat(after.text()).isEqualTo("after");
        assertThat(backend.accepted()).isEqualTo(1);
    }

    @Test
    void informationalHeadsPassOnBeforeTheFinalResponse() throws Exception {
        CountDownLatch firstHintRead = new CountDownLatch(1);
        ScriptedBackend backend = backend(exchange -> {
            if (exchange.request().number() > 0) {
                exchange.send(ok("again"));
                return;
            }
            // The first in pieces, the second together with the final response.
            exchange.sendSlowly("HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n");
            // The final response waits until the client has the first hint: the router passed it on at once.
            assertThat(firstHintRead.await(20, TimeUnit.SECONDS)).isTrue();
            exchange.send("HTTP/1.0 103 Early Hints\r\nLink: </b.css>; rel=preload\r\n\r\n" + ok("final"));
        });
        ByteClient client = client(router(backend));

        client.send(ByteClient.get("/"));
        ByteClient.Response first = client.readHead();
        firstHintRead.countDown();
        ByteClient.Response second = client.readHead();
        ByteClient.Response last = client.read(false);

        assertThat(first.statusLine()).isEqualTo("HTTP/1.1 103 Early Hints");
        assertThat(first.headers()).containsExactly("Link: </a.css>; rel=preload");
        assertThat(second.statusLine()).isEqualTo("HTTP/1.1 103 Early Hints");
        assertThat(second.headers()).containsExactly("Link: </b.css>; rel=preload");
        assertThat(last.status()).isEqualTo(200);
        assertThat(last.text()).isEqualTo("final");
        assertThat(client.exchange(ByteClient.get("/again")).text()).isEqualTo("again");
    }

    @Test
    void aBodyWithoutLengthReachesTheClientChunkedAndItsConnectionStaysOpen() throws Exception {
        ScriptedBackend backend = backend(exchange -> {
            switch (exchange.request().path()) {
                case "/stream" -> {
                    exchange.send("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n").send("first part, ");
                    exchange.send("second part");
                    exchange.close();
                }
                case "/old" -> {
                    exchange.send("HTTP/1.0 200 OK\r\n\r\nfrom an old server");
                    exchange.close();
                }
                default -> exchange.send(ok("next"));
            }
        });
        ByteClient client = client(router(backend));

        ByteClient.Response stream = client.exchange(ByteClient.get("/stream"));
        ByteClient.Response old = client.exchange(ByteClient.get("/old"));
        ByteClient.Response next = client.exchange(ByteClient.get("/next"));

        assertThat(stream.headers()).containsExactly("Content-Type: text/plain", "Transfer-Encoding: chunked");
        assertThat(stream.text()).isEqualTo("first part, second part");
        assertThat(old.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(old.headers()).containsExactly("Transfer-Encoding: chunked");
        assertThat(old.text()).isEqualTo("from an old server");
        assertThat(next.text()).isEqualTo("next");
        assertThat(backend.accepted()).isEqualTo(3);
    }

    @Test
    void theClientsConnectionCloseIsAnsweredSoAndTheConnectionClosedAfterTheResponse() throws Exception {
        ScriptedBackend backend = backend(exchange -> exchange.send(
                "HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok"));
        Router router = router(backend);
        ByteClient client = client(router);

        ByteClient.Response response = client.exchange("GET / HTTP/1.1\r\nHost: app.com\r\nConnection: close\r\n\r\n");

        assertThat(response.headers()).containsExactly("Content-Length: 2", "Connection: close");
        assertThat(response.text()).isEqualTo("ok");
        assertThat(client.isClosedByRouter()).isTrue();
        // The instance's connection is the router's own: kept for the next client.
        assertThat(client(router).exchange(ByteClient.get("/")).headers()).containsExactly("Content-Length: 2");
        assertThat(backend.accepted()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok",
        "HTTP/1.1 200 OK\r\nConnection: Keep-Alive, Close\r\nContent-Length: 2\r\n\r\nok",
        "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok",
        "HTTP/1.0 200 OK\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"})
    void aConnectionTheInstanceDoesNotKeepIsNotReused(String answer) throws Exception {
        // The instance leaves its side open: only the router's reading of the head closes the connection.
        ScriptedBackend backend = backend(exchange -> exchange.send(answer));
        ByteClient client = client(router(backend));

        for (int i = 0; i < 3; i++) {
            ByteClient.Response response = client.exchange(ByteClient.get("/" + i));
            assertThat(response.text()).isEqualTo("ok");
            assertThat(response.header("connection")).as("the client's connection stays open").isEmpty();
        }

        assertThat(backend.accepted()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> backend.closedByRouter() == 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
        "HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok",
        "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"})
    void aKeepAliveInstancesConnectionIsReusedAcrossRequestsAndClients(String answer) throws Exception {
        ScriptedBackend backend = backend(exchange -> exchange.send(answer));
        Router router = router(backend);
        ByteClient client = client(router);

        for (int i = 0; i < 3; i++) {
            assertThat(client.exchange(ByteClient.get("/" + i)).text()).isEqualTo("ok");
        }
        for (int i = 0; i < 2; i++) {
            assertThat(client(router).exchange(ByteClient.get("/other")).text()).isEqualTo("ok");
        }

        assertThat(backend.accepted()).isEqualTo(1);
        assertThat(backend.requests()).hasSize(5).allSatisfy(request -> assertThat(request.connection()).isZero());
        assertThat(backend.closedByRouter()).isZero();
    }

    @Test
    void theInstanceGetsTheRequestAsSentWithForwardedHeadersAndWithoutHopByHopOnes() throws Exception {
        ScriptedBackend backend = backend(exchange -> exchange.send(ok("ok")));
        Router router = router(backend);
        ByteClient client = client(router);

        client.exchange("GET /a/b?c=d&e=%20f HTTP/1.1\r\n"
                + "Host: App.com:8080\r\n"
                + "X-First: 1\r\n"
                + "X-Forwarded-For: 10.1.2.3\r\n"
                + "Connection: keep-alive\r\n"
                + "Keep-Alive: timeout=5\r\n"
                + "X-Forwarded-Proto: https\r\n"
                + "X-Forwarded-Host: evil.example\r\n"
                + "X-Forwarded-Port: 1\r\n"
                + "Proxy-Connection: keep-alive\r\n"
                + "Proxy-Authorization: Basic eA==\r\n"
                + "TE: trailers\r\n"
                + "Accept: */*\r\n"
                + "X-Tight:tight\r\n"
                + "X-Dup: a\r\n"
                + "X-Dup: b\r\n"
                + "User-Agent: test\r\n\r\n");
        client.exchange("HEAD /second HTTP/1.1\r\nhost: app.com\r\nAccept: text/html\r\n\r\n");

        ScriptedBackend.Request first = backend.requests().get(0);
        assertThat(first.head()).startsWith("GET /a/b?c=d&e=%20f HTTP/1.1\r\n");
        assertThat(first.headerLines().stream().filter(line -> !line.startsWith("X-Forwarded-")))
                .containsExactly("Host: App.com:8080", "X-First: 1", "Accept: */*", "X-Tight:tight", "X-Dup: a", "X-Dup: b",
                        "User-Agent: test");
        assertThat(first.header("X-Forwarded-For")).containsExactly("10.1.2.3, 127.0.0.1");
        assertThat(first.header("X-Forwarded-Proto")).containsExactly("http");
        assertThat(first.header("X-Forwarded-Host")).containsExactly("App.com:8080");
        assertThat(first.header("X-Forwarded-Port")).containsExactly(Integer.toString(router.port()));
        ScriptedBackend.Request second = backend.requests().get(1);
        assertThat(second.head()).startsWith("HEAD /second HTTP/1.1\r\nhost: app.com\r\nAccept: text/html\r\n");
        assertThat(second.header("X-Forwarded-For")).containsExactly("127.0.0.1");
        assertThat(second.header("X-Forwarded-Host")).containsExactly("app.com");
    }

    @Test
    void headsThatArriveAByteAtATimeAreRelayed() throws Exception {
        ScriptedBackend backend = backend(exchange -> {
            if (exchange.request().path().equals("/slowly")) {
                exchange.sendSlowly("HTTP/1.1 200 OK\r\nX-Slow:slow\r\nContent-Length: 4\r\n\r\n").sendSlowly("done");
            } else {
                exchange.send(ok("fast"));
            }
        });
        ByteClient client = client(router(backend));

        client.sendSlowly("GET /slowly HTTP/1.1\r\nHost: app.com\r\nX-Tight:tight\r\n\r\n");
        ByteClient.Response slowly = client.read(false);
        ByteClient.Response fast = client.exchange(ByteClient.get("/fast"));

        assertThat(slowly.headers()).containsExactly("X-Slow:slow", "Content-Length: 4");
        assertThat(slowly.text()).isEqualTo("done");
        assertThat(fast.text()).isEqualTo("fast");
        assertThat(backend.requests().get(0).headerLines()).startsWith("Host: app.com", "X-Tight:tight");
        assertThat(backend.accepted()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"length", "chunked", "until-close"})
    void aLargeBodyWaitsForAClientThatDoesNotReadAndThenArrivesWhole(String framing) throws Exception {
        long total = 256L << 20;
        byte[] block = new byte[64 * 1024];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) (i * 31 % 251);
        }
        AtomicLong written = new AtomicLong();
        ScriptedBackend backend = backend(exchange -> {
            if (exchange.request().path().equals("/small")) {
                exchange.send(ok("small"));
                return;
            }
            exchange.send(switch (framing) {
                case "length" -> "HTTP/1.1 200 OK\r\nContent-Length: " + total + "\r\n\r\n";
                case "chunked" -> "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
                default -> "HTTP/1.1 200 OK\r\n\r\n";
            });
            for (long sent = 0; sent < total; sent += block.length) {
                if (framing.equals("chunked")) {
                    exchange.send(Integer.toHexString(block.length) + "\r\n").send(block).send("\r\n");
                } else {
                    exchange.send(block);
                }
                written.addAndGet(block.length);
            }
            if (framing.equals("chunked")) {
                exchange.send("0\r\n\r\n");
            } else if (framing.equals("until-close")) {
                exchange.close();
            }
        });
        ByteClient client = client(router(backend));

        client.send(ByteClient.get("/big"));
        AtomicLong before = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> written.get() == before.getAndSet(written.get()));

        // The kernel's buffers on the way hold some tens of MiB; the router itself holds what it read.
        assertThat(written.get()).as("what the instance could write while the client read nothing").isLessThan(total / 2);
        CRC32 received = new CRC32();
        assertThat(client.streamBody(client.readHead(), received)).isEqualTo(total);
        CRC32 sent = new CRC32();
        for (long i = 0; i < total; i += block.length) {
            sent.update(block);
        }
        assertThat(received.getValue()).isEqualTo(sent.getValue());
        assertThat(client.exchange(ByteClient.get("/small")).text()).as("the connection goes on").isEqualTo("small");
    }
}
