package io.eventsync.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;

/**
 * Server sockets for the sandbox's MockWebServer. Each accepted connection has {@code TCP_NODELAY}
 * set (without it, a response written as headers then body on a kept-alive connection waits ~40 ms
 * for the client's delayed ACK on every request) and reads through a {@link RequestGuard}, which
 * bounds request bodies and answers requests MockWebServer cannot parse.
 */
final class SandboxServerSocketFactory extends ServerSocketFactory {
  private final long maxRequestBodyBytes;

  SandboxServerSocketFactory(long maxRequestBodyBytes) {
    this.maxRequestBodyBytes = maxRequestBodyBytes;
  }

  /** A connection whose input stream is a {@link RequestGuard}. */
  private static final class GuardedSocket extends Socket {
    private final long maxRequestBodyBytes;
    private RequestGuard guard;

    GuardedSocket(long maxRequestBodyBytes) {
      this.maxRequestBodyBytes = maxRequestBodyBytes;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (guard == null) {
        guard =
            new RequestGuard(
                this, super.getInputStream(), super.getOutputStream(), maxRequestBodyBytes);
      }
      return guard;
    }
  }

  private final class GuardingServerSocket extends ServerSocket {
    GuardingServerSocket() throws IOException {
      super();
    }

    @Override
    public Socket accept() throws IOException {
      Socket socket = new GuardedSocket(maxRequestBodyBytes);
      implAccept(socket);
      socket.setTcpNoDelay(true);
      return socket;
    }
  }

  @Override
  public ServerSocket createServerSocket() throws IOException {
    return new GuardingServerSocket();
  }

  @Override
  public ServerSocket createServerSocket(int port) throws IOException {
    return createServerSocket(port, 50, null);
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog) throws IOException {
    return createServerSocket(port, backlog, null);
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog, InetAddress address)
      throws IOException {
    ServerSocket socket = createServerSocket();
    socket.bind(new InetSocketAddress(address, port), backlog);
    return socket;
  }
}
