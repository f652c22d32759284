package io.eventsync.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * The SDK client's socket factory: it hands every socket it creates to the {@link CallCanceller}
 * running on the creating thread, so that cancelling a piece of work also closes a socket that is
 * still connecting or in its TLS handshake, whatever phase of OkHttp's connect the call is in. It
 * only works when OkHttp connects on the calling thread, so the SDK's client turns OkHttp's fast
 * fallback (connects raced on its own threads) off.
 */
final class CancellableSockets extends SocketFactory {
  private final SocketFactory delegate;

  CancellableSockets(SocketFactory delegate) {
    this.delegate = delegate;
  }

  @Override
  public Socket createSocket() throws IOException {
    return CallCanceller.track(delegate.createSocket());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return CallCanceller.track(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return CallCanceller.track(delegate.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return CallCanceller.track(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return CallCanceller.track(delegate.createSocket(address, port, localAddress, localPort));
  }
}
