#pragma once

namespace qd {
class AuditLog;
}

namespace qd::api {

class Router;

// GET /api/v1/audit: rows of the audit log, newest first, filtered by from/to (RFC 3339),
// cluster, type, status, action_id and limit.
class AuditController final {
public:
    explicit AuditController(const AuditLog& audit) : m_audit(audit) { }
    void registerRoutes(Router& router);

private:
    const AuditLog& m_audit;
};

} // namespace qd::api
