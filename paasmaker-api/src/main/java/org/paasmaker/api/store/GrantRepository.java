package org.paasmaker.api.store;

import java.util.List;
import org.paasmaker.api.access.Grant;
import org.paasmaker.api.access.UserId;

/** Which user holds which role where. Granting twice keeps one grant. */
public interface GrantRepository {

    /** Adds the grant; a {@code NOT_FOUND} when its user does not exist. */
    Grant add(Grant grant);

    /** Removes the grant; a {@code NOT_FOUND} when the user does not hold it. */
    void remove(Grant grant);

    /** The user's grants, global ones first. */
    List<Grant> list(UserId user);

    /** Every grant. */
    List<Grant> list();
}
