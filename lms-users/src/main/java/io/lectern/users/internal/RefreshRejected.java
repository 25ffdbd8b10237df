package io.lectern.users.internal;

import io.lectern.shared.error.ErrorKind;
import io.lectern.shared.error.LmsException;

/**
 * A refresh that fails after revoking tokens (reuse of a spent token, a deactivated account). The
 * revocation must commit even though the call answers 401, so the transaction does not roll back on
 * this exception.
 */
public class RefreshRejected extends LmsException {

  public RefreshRejected(String code, String detail) {
    super(ErrorKind.UNAUTHORIZED, code, detail);
  }
}
