package io.emporium.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 over Netty's own codec to one loopback port, with keep-alive connections from a bounded pool: each
 * connection carries one request at a time, and requests beyond the pool wait for a connection (the wait counts in
 * their latency). Bodies of replies are read and dropped.
 *
 * <p>Why not Reactor Netty's client: the generator shares the machine's two cores with the engine it measures, so
 * its cost per request is taken from the engine. Reactor Netty builds a pipeline of operators for every request;
 * here a request is one encoded message on a free connection. Open model at 10,594 product pages/s, interleaved
 * runs (Reactor Netty, this, this, Reactor Netty): the generator's CPU per page 49.3 / 29.9 / 28.5 / 43.3 us, the
 * engine's 56.7 / 37.5 / 37.3 / 46.3 us, the engine's threads waiting for a core 0.47 / 0.11 / 0.10 / 0.26 on
 * average (session note of 2026-12-05, thirty-sixth).
 */
public final class NettyExchange implements Exchange, AutoCloseable {

    /** Far above any latency a healthy step shows; a request that takes longer counts as failed. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    private static final AttributeKey<Replies> REPLIES = AttributeKey.valueOf(NettyExchange.class, "replies");

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final String host;
    private final int maxConnections;
    private final Duration timeout;
    private final ReentrantLock lock = new ReentrantLock();
    /**
     * Guarded by {@link #lock}: connections without a request, the requests waiting for one, how many are open, how
     * many were ever begun.
     */
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private int open;
    private long opened;
    private boolean closed;
    /** Every open connection, for the timeout sweep. */
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> sweeper;

    /** @param connections at most this many connections, each with one request at a time */
    public NettyExchange(int port, int connections) {
        this(port, connections, RESPONSE_TIMEOUT);
    }

    /** @param timeout a request without its whole reply this long after it was handed over fails */
    NettyExchange(int port, int connections, Duration timeout) {
        if (connections < 1) {
            throw new IllegalArgumentException("at least one connection, not " + connections);
        }
        maxConnections = connections;
        this.timeout = timeout;
        host = "127.0.0.1:" + port;
        // One event loop per core: more threads than cores only take turns, on cores the engine needs. Epoll where
        // Linux has it, as the servers measured have it: 11 % less of the generator's CPU per request than NIO.
        var epoll = Epoll.isAvailable();
        group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        bootstrap = new Bootstrap()
                .group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .remoteAddress("127.0.0.1", port)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        var replies = new Replies();
                        channel.attr(REPLIES).set(replies);
                        channel.pipeline().addLast(new HttpClientCodec(), replies);
                    }
                });
        sweeper = group.scheduleAtFixedRate(this::expireOverdue, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public CompletableFuture<Reply> send(Request request) {
        Pending pending;
        try {
            // Encoded before it takes a connection: a request Netty refuses (a bad header) fails here, alone.
            pending = new Pending(request, encode(request), System.nanoTime());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        Channel channel = null;
        var connect = false;
        lock.lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("the exchange is closed"));
            }
            // A connection the server closed while idle is skipped; its place is freed as Netty reports the close.
            do {
                channel = idle.pollFirst();
            } while (channel != null && !channel.isActive());
            if (channel == null) {
                if (open < maxConnections) {
                    open++;
                    opened++;
                    connect = true;
                } else {
                    waiting.addLast(pending);
                }
            }
        } finally {
            lock.unlock();
        }
        if (channel != null) {
            dispatch(channel, pending);
        } else if (connect) {
            connect(pending);
        }
        return pending.reply;
    }

    /**
     * How many connections it has begun to open so far, those that failed to open among them: a round that opens many
     * at once makes the server accept and set up each of them among its requests.
     */
    public long opened() {
        lock.lock();
        try {
            return opened;
        } finally {
            lock.unlock();
        }
    }

    private FullHttpRequest encode(Request request) {
        var content = request.body() == null ? Unpooled.EMPTY_BUFFER
                : Unpooled.wrappedBuffer(request.body().getBytes(StandardCharsets.UTF_8));
        var message = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(request.method()),
                request.path(), content);
        var headers = message.headers();
        headers.set(HttpHeaderNames.HOST, host);
        request.headers().forEach(headers::set);
        if (request.body() != null || !"GET".equals(request.method())) {
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        }
        return message;
    }

    private void connect(Pending first) {
        var connecting = bootstrap.connect();
        connecting.addListener(connected -> {
            if (connected.isSuccess()) {
                var channel = connecting.channel();
                channels.add(channel);
                dispatch(channel, first);
            } else {
                first.reply.completeExceptionally(connected.cause());
                lost();
            }
        });
    }

    /** Sends the request on a connection that carries nothing else. */
    private void dispatch(Channel channel, Pending pending) {
        if (pending.reply.isDone()) {
            release(channel);
            return;
        }
        var replies = replies(channel);
        replies.current = pending;
        channel.writeAndFlush(pending.message).addListener(written -> {
            if (!written.isSuccess()) {
                if (replies.current == pending) {
                    replies.current = null;
                }
                pending.reply.completeExceptionally(written.cause());
                channel.close();
            }
        });
    }

    /** Gives a free connection to the longest-waiting request, or keeps it for the next one. */
    private void release(Channel channel) {
        Pending next;
        lock.lock();
        try {
            next = waiting.pollFirst();
            if (next == null && !closed) {
                idle.addFirst(channel);
            }
        } finally {
            lock.unlock();
        }
        if (next != null) {
            dispatch(channel, next);
        } else if (closed) {
            channel.close();
        }
    }

    /** A connection closed or never opened: its place in the pool goes to a waiting request, if there is one. */
    private void lost() {
        Pending next;
        lock.lock();
        try {
            next = closed ? null : waiting.pollFirst();
            if (next == null) {
                open--;
            } else {
                opened++;
            }
        } finally {
            lock.unlock();
        }
        if (next != null) {
            connect(next);
        }
    }

    /**
     * Fails the requests older than the timeout, waiting or sent. One sweep a second over the connections instead of
     * a timer per request, which the sending thread would have to hand to an event loop for every request. A sent
     * request is failed on its connection's event loop, where its reply is read, so that a reply and its timeout
     * never both answer it, and the connection is closed, so that a late reply is never taken for the next
     * request's.
     */
    private void expireOverdue() {
        try {
            var overdue = System.nanoTime() - timeout.toNanos();
            var expired = new ArrayList<Pending>();
            lock.lock();
            try {
                while (!waiting.isEmpty() && waiting.peekFirst().created - overdue < 0) {
                    expired.add(waiting.pollFirst());
                }
            } finally {
                lock.unlock();
            }
            expired.forEach(pending -> pending.reply.completeExceptionally(timedOut(pending)));
            for (var channel : channels) {
                var replies = replies(channel);
                var pending = replies.current;
                if (pending != null && pending.created - overdue < 0) {
                    channel.eventLoop().execute(() -> {
                        if (replies.current == pending) {
                            replies.current = null;
                            pending.reply.completeExceptionally(timedOut(pending));
                            channel.close();
                        }
                    });
                }
            }
        } catch (RuntimeException e) {
            // An exception would end the periodic sweep for good; the next second's sweep tries again.
            System.err.println("the load generator's timeout sweep failed: " + e);
        }
    }

    private TimeoutException timedOut(Pending pending) {
        return new TimeoutException("no reply to " + pending.request.method() + " " + pending.request.path()
                + " within " + timeout.toMillis() + " ms");
    }

    private static Replies replies(Channel channel) {
        return Objects.requireNonNull(channel.attr(REPLIES).get(), "every connection has its reader");
    }

    @Override
    public void close() {
        Channel[] free;
        Pending[] unsent;
        lock.lock();
        try {
            closed = true;
            free = idle.toArray(Channel[]::new);
            idle.clear();
            unsent = waiting.toArray(Pending[]::new);
            waiting.clear();
        } finally {
            lock.unlock();
        }
        sweeper.cancel(false);
        for (var pending : unsent) {
            pending.reply.completeExceptionally(new IllegalStateException("the exchange closed"));
        }
        for (var channel : free) {
            channel.close();
        }
        // Closes the connections still carrying a request; each fails as its connection closes.
        group.shutdownGracefully(0, 10, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** A request handed over and not yet answered; its message is written once, or never. */
    private record Pending(Request request, FullHttpRequest message, long created, CompletableFuture<Reply> reply) {

        Pending(Request request, FullHttpRequest message, long created) {
            this(request, message, created, new CompletableFuture<>());
        }
    }

    /**
     * Reads the reply to the connection's current request: its status and headers, then its body to the end. Every
     * method runs on the connection's event loop.
     */
    private final class Replies extends SimpleChannelInboundHandler<HttpObject> {

        /** Set by whichever thread sends on the connection, cleared on its event loop. */
        private volatile @Nullable Pending current;
        private int status;
        private HttpHeaders headers = EmptyHttpHeaders.INSTANCE;
        private boolean keepAlive;

        @Override
        protected void channelRead0(ChannelHandlerContext context, HttpObject message) {
            if (message.decoderResult().isFailure()) {
                exceptionCaught(context, message.decoderResult().cause());
                return;
            }
            if (message instanceof HttpResponse response) {
                status = response.status().code();
                headers = response.headers();
                keepAlive = HttpUtil.isKeepAlive(response);
            }
            if (message instanceof LastHttpContent) {
                var pending = current;
                current = null;
                if (pending == null || !keepAlive || !context.channel().isActive()) {
                    // A reply to nothing (its request timed out), or the server closes: the close frees the place.
                    context.close();
                } else {
                    release(context.channel());
                }
                if (pending != null) {
                    pending.reply.complete(new Reply(status, headers));
                }
            }
        }

        /** The one place where an open connection's place in the pool is given up. */
        @Override
        public void channelInactive(ChannelHandlerContext context) {
            var pending = current;
            current = null;
            if (pending != null) {
                pending.reply.completeExceptionally(new IOException("the connection closed before the reply"));
            }
            channels.remove(context.channel());
            lock.lock();
            try {
                idle.remove(context.channel());
            } finally {
                lock.unlock();
            }
            lost();
            context.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            var pending = current;
            current = null;
            if (pending != null) {
                pending.reply.completeExceptionally(cause);
            }
            context.close();
        }
    }
}
