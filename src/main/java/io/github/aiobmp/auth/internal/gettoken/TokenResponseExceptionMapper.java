package io.github.aiobmp.auth.internal.gettoken;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import io.github.aiobmp.auth.AiobBadResponseException;
import io.github.aiobmp.auth.AiobConfigKeys;
import io.github.aiobmp.auth.AiobConfigurationException;
import io.github.aiobmp.auth.AiobCredentialsRejectedException;
import io.github.aiobmp.auth.AiobException;
import io.github.aiobmp.auth.AiobUnavailableException;

/**
 * Turns an HTTP error from the token endpoint into the component's exceptions: 5xx is transient
 * (retried), 401/403 is a credential rejection (not retried), 407 is a proxy's demand, any other
 * 4xx a bad answer.
 */
public class TokenResponseExceptionMapper implements ResponseExceptionMapper<AiobException> {

    @Override
    public AiobException toThrowable(Response response) {
        int status = response.getStatus();
        String what = "AIOB's getToken answered HTTP " + status;
        if (status >= 500) {
            return new AiobUnavailableException(what, new ErrorAnswer("HTTP " + status));
        }
        if (status == 401 || status == 403) {
            return new AiobCredentialsRejectedException(status, null,
                    what + ": the credentials were refused; check " + AiobConfigKeys.describe(AiobConfigKeys.ACCESS_KEY)
                            + " and " + AiobConfigKeys.describe(AiobConfigKeys.SECRET_KEY));
        }
        if (status == 407) {
            return new AiobConfigurationException("A proxy between this server and AIOB answered HTTP 407 (Proxy"
                    + " Authentication Required) to getToken: the JVM's proxy settings (https.proxyHost) point at a"
                    + " proxy that wants credentials, which the getToken client cannot send");
        }
        return new AiobBadResponseException(what, new ErrorAnswer("HTTP " + status));
    }
}
