package io.lectern.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetGuardTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.1.2.3",
        "::1",
        "10.0.0.8",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",
        "fe80::1",
        "fd00::1",
        "fc12::9",
        "224.0.0.1",
        "ff02::1",
        "0.0.0.0",
        "::",
        "100.64.0.1",
        "::ffff:127.0.0.1",
        "::ffff:10.1.1.1",
        "255.255.255.255"
      })
  void refusesInternalAddresses(String address) throws UnknownHostException {
    assertThat(TargetGuard.refused(InetAddress.getByName(address))).as(address).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"93.184.215.14", "1.1.1.1", "2606:4700:4700::1111", "172.32.0.1"})
  void acceptsPublicAddresses(String address) throws UnknownHostException {
    assertThat(TargetGuard.refused(InetAddress.getByName(address))).as(address).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://example.org/x",
        "file:///etc/passwd",
        "https://user:pw@example.org/",
        "https:///nohost",
        "not a url",
        "https://example.org/#frag",
        "gopher://example.org"
      })
  void refusesMalformedTargets(String url) {
    assertThat(TargetGuard.shapeProblem(url)).as(url).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://example.org/hooks", "http://hooks.example.com:8080/a?b=c"})
  void acceptsWellFormedTargets(String url) {
    assertThat(TargetGuard.shapeProblem(url)).as(url).isNull();
  }
}
