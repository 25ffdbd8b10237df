/**
 * Courses and their nested, ordered lessons: authoring, publishing and the public catalogue.
 *
 * <p>Exposes: the {@code api} package (course catalogue, views, events) once authoring lands.
 *
 * <p>May use: lms-shared and lms-users' {@code api}.
 */
package io.lectern.courses;
