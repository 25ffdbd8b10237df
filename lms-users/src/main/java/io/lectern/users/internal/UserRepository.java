package io.lectern.users.internal;

import io.lectern.shared.error.LmsException;
import io.lectern.shared.paging.Page;
import io.lectern.shared.paging.PageRequest;
import io.lectern.shared.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;

@ApplicationScoped
public class UserRepository {

  @PersistenceContext(unitName = "lms")
  EntityManager em;

  public Optional<User> find(UUID id) {
    return Optional.ofNullable(em.find(User.class, id));
  }

  public List<User> findAll(java.util.Collection<UUID> ids) {
    return em.createQuery("select u from User u where u.id in :ids", User.class)
        .setParameter("ids", ids)
        .getResultList();
  }

  public Optional<User> findByEmail(String email) {
    return em
        .createQuery("select u from User u where u.email = :email", User.class)
        .setParameter("email", User.normalizeEmail(email))
        .getResultList()
        .stream()
        .findFirst();
  }

  /**
   * Stamps the sign-in time in one statement without touching the row's version: two sign-ins of
   * one account at the same moment must both succeed, and a sign-in must not make a concurrent
   * admin edit of the account fail.
   */
  public void recordLogin(UUID userId, Instant now) {
    em.createQuery("update User u set u.lastLoginAt = :now where u.id = :id")
        .setParameter("now", now)
        .setParameter("id", userId)
        .executeUpdate();
  }

  public boolean emailTaken(String email) {
    return findByEmail(email).isPresent();
  }

  /** Inserts the user; a concurrent registration of the same email surfaces as a 409. */
  public void add(User user) {
    try {
      em.persist(user);
      em.flush();
    } catch (PersistenceException e) {
      if (e.getCause() instanceof ConstraintViolationException) {
        throw LmsException.conflict(
            "users.email-taken", "An account with this email address already exists.");
      }
      throw e;
    }
  }

  public boolean anyAdmin() {
    return !em.createQuery("select u.id from User u where u.role = :role", UUID.class)
        .setParameter("role", Role.ADMIN)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  /** The active admins, locked until the transaction ends so that two demotions cannot race. */
  public List<User> lockActiveAdmins() {
    return em.createQuery(
            "select u from User u where u.role = :role and u.active = true order by u.id",
            User.class)
        .setParameter("role", Role.ADMIN)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList();
  }

  public Page<User> search(UserFilter filter, PageRequest paging) {
    StringBuilder where = new StringBuilder(" where 1 = 1");
    if (filter.role() != null) {
      where.append(" and u.role = :role");
    }
    if (filter.active() != null) {
      where.append(" and u.active = :active");
    }
    if (filter.text() != null) {
      where.append(" and (u.email like :text or lower(u.fullName) like :text)");
    }
    TypedQuery<User> items =
        em.createQuery("select u from User u" + where + " order by u.createdAt, u.id", User.class);
    TypedQuery<Long> count = em.createQuery("select count(u) from User u" + where, Long.class);
    for (TypedQuery<?> query : List.of(items, count)) {
      if (filter.role() != null) {
        query.setParameter("role", filter.role());
      }
      if (filter.active() != null) {
        query.setParameter("active", filter.active());
      }
      if (filter.text() != null) {
        query.setParameter("text", "%" + escapeLike(filter.text().toLowerCase(Locale.ROOT)) + "%");
      }
    }
    List<User> found =
        items.setFirstResult(paging.offset()).setMaxResults(paging.size()).getResultList();
    return Page.of(found, paging, count.getSingleResult());
  }

  private static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /** Filters of the admin user list; null means "any". */
  public record UserFilter(Role role, Boolean active, String text) {}
}
