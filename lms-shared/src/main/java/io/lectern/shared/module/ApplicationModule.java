package io.lectern.shared.module;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one declaration of a module, on its base package's {@code package-info.java}: what it owns
 * and which other modules' {@code api} it may use (lms-shared is always allowed). The architecture
 * test enforces the dependencies on the compiled classes and checks that the POMs and the README's
 * module table say the same.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PACKAGE)
public @interface ApplicationModule {

  /** What the module owns, as the README's module table shows it. */
  String owns();

  /** Short names of the modules ({@code users}, {@code courses}...) whose api it may use. */
  String[] allowedDependencies() default {};
}
