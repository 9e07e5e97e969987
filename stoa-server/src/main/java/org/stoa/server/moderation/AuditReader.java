package org.stoa.server.moderation;

import java.util.List;
import org.stoa.server.accounts.Principal;
import org.stoa.server.enforcement.AuditLog;
import org.stoa.server.http.ApiException;

/** The audit log as moderators read it: filtered by who acted, which account, which rule and when. */
public final class AuditReader {

    private final AuditLog audit;
    private final Staff staff;

    public AuditReader(AuditLog audit, Staff staff) {
        this.audit = audit;
        this.staff = staff;
    }

    public List<AuditLog.Entry> read(Principal moderator, AuditLog.Filter filter) {
        staff.require(moderator);
        if (filter.limit() < 1 || filter.limit() > 1000) throw ApiException.badRequest("invalid_limit", "limit is 1 to 1000");
        return audit.read(filter);
    }
}
