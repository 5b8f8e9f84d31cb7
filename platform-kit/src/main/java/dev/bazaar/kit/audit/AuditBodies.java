package dev.bazaar.kit.audit;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;

/** Keeps the body an audited admin request was read into, for its COMPLETED row ({@link AdminAudit}). */
@Provider
@IfBuildProperty(name = "bazaar.kit.audit.enabled", stringValue = "true")
public class AuditBodies implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Object body = context.proceed();
        if (context.getProperty(AdminAudit.REQUEST_ID) != null) {
            context.setProperty(AdminAudit.REQUEST_BODY, body);
        }
        return body;
    }
}
