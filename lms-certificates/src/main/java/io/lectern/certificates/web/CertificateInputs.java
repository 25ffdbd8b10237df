package io.lectern.certificates.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Request bodies of the certificates API. */
public final class CertificateInputs {

  private CertificateInputs() {}

  public record Revoke(@NotBlank @Size(max = 1000) String reason) {}
}
