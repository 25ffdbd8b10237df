/**
 * The WAR: the REST application, problem+json error mapping, the access policy, the current user,
 * the persistence unit and the Liquibase runner.
 *
 * <p>Exposes: nothing to other modules.
 *
 * <p>May use: every module.
 */
package io.lectern.app;
