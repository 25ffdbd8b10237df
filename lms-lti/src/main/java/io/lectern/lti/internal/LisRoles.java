package io.lectern.lti.internal;

import io.lectern.shared.security.Role;
import java.util.List;

/** Lectern roles in the LIS vocabulary of LTI 1.3 (context membership plus institution role). */
final class LisRoles {

  static final String LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
  static final String INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
  static final String CONTEXT_ADMIN =
      "http://purl.imsglobal.org/vocab/lis/v2/membership#Administrator";
  static final String INSTITUTION_STUDENT =
      "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student";
  static final String INSTITUTION_INSTRUCTOR =
      "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor";
  static final String INSTITUTION_ADMIN =
      "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator";
  static final String SYSTEM_ADMIN =
      "http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator";

  private LisRoles() {}

  /**
   * The roles of a user in a course: its instructor teaches it, admins administer it, anyone else
   * taking part is a learner.
   */
  static List<String> of(Role role, boolean teachesCourse) {
    if (teachesCourse) {
      return List.of(INSTRUCTOR, INSTITUTION_INSTRUCTOR);
    }
    if (role == Role.ADMIN) {
      return List.of(CONTEXT_ADMIN, INSTITUTION_ADMIN, SYSTEM_ADMIN);
    }
    if (role == Role.INSTRUCTOR) {
      return List.of(LEARNER, INSTITUTION_INSTRUCTOR);
    }
    return List.of(LEARNER, INSTITUTION_STUDENT);
  }
}
