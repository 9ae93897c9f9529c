package org.paasmaker.client;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.OptionalLong;
import java.util.concurrent.Flow;

/** A request body that tells an {@link UploadListener} how many of its bytes went to the connection. */
final class ProgressPublisher implements HttpRequest.BodyPublisher {

    private final HttpRequest.BodyPublisher body;
    private final UploadListener listener;

    ProgressPublisher(HttpRequest.BodyPublisher body, UploadListener listener) {
        this.body = body;
        this.listener = listener;
    }

    @Override
    public long contentLength() {
        return body.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        OptionalLong total = body.contentLength() < 0 ? OptionalLong.empty() : OptionalLong.of(body.contentLength());
        body.subscribe(new Flow.Subscriber<>() {
            private long sent;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
                tell(total);
            }

            @Override
            public void onNext(ByteBuffer item) {
                int size = item.remaining();
                subscriber.onNext(item);
                sent += size;
                tell(total);
            }

            @Override
            public void onError(Throwable throwable) {
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }

            private void tell(OptionalLong total) {
                try {
                    listener.progress(sent, total);
                } catch (RuntimeException e) {
                    // A listener's failure is not the upload's.
                }
            }
        });
    }
}
