/**
 * Small kernel every module may use: the error vocabulary ({@link io.lectern.shared.error}),
 * paging, the signed-in user's view and the clock.
 *
 * <p>Exposes: all of its packages. Holds no business rules.
 *
 * <p>May use: Jakarta EE and MicroProfile APIs only.
 */
package io.lectern.shared;
