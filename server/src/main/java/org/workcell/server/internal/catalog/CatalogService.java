package org.workcell.server.internal.catalog;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.workcell.core.protocol.AppAssignment;

/** The app catalog: apps and their versions, per-group allow-lists, user requests and approvals. */
public final class CatalogService {
    /**
     * The à-la-carte apps a user is to have: approved requests for apps their group still allows,
     * each at its newest version.
     */
    public List<AppAssignment> assignedApps(Handle h, UUID userId) {
        return h.createQuery("""
                        SELECT a.package_id, a.name, v.version, v.blob_sha256, v.size
                        FROM app_requests r
                        JOIN catalog_apps a ON a.id = r.app_id
                        JOIN users u ON u.id = r.user_id
                        JOIN group_apps ga ON ga.group_id = u.group_id AND ga.app_id = a.id
                        JOIN catalog_app_versions v ON v.app_id = a.id
                        WHERE r.user_id = ? AND r.status = 'approved'
                          AND v.created_at = (SELECT MAX(v2.created_at) FROM catalog_app_versions v2 WHERE v2.app_id = a.id)
                        ORDER BY a.package_id""")
                .bind(0, userId)
                .map((rs, ctx) -> new AppAssignment(rs.getString("package_id"), rs.getString("name"), rs.getString("version"),
                        rs.getString("blob_sha256"), rs.getLong("size")))
                .list();
    }
}
