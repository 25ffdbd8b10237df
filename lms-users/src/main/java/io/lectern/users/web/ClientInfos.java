package io.lectern.users.web;

import io.lectern.users.internal.ClientInfo;
import jakarta.servlet.http.HttpServletRequest;

final class ClientInfos {

  private ClientInfos() {}

  /**
   * The connecting address as the server sees it. Forwarding headers are not trusted: behind a
   * proxy, configure the proxy to set the remote address (Liberty's {@code remoteIp} element).
   */
  static ClientInfo from(HttpServletRequest request) {
    return new ClientInfo(request.getRemoteAddr(), request.getHeader("User-Agent"));
  }
}
