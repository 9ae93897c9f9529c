package org.paasmaker.api.store;

/**
 * Where the platform keeps its users, their API keys, roles and grants, and the audit trail of changes. Apart from {@link Store}, so
 * that an embedded engine, which has no users, needs none; the server keeps them in its database.
 * Every implementation passes the same conformance tests.
 */
public interface AccessStore {

    UserRepository users();

    ApiKeyRepository keys();

    RoleRepository roles();

    GrantRepository grants();

    AuditRepository audit();
}
