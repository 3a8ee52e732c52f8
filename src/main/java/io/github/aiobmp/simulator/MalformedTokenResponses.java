package io.github.aiobmp.simulator;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds the broken getToken answers listed in {@link Malformation}. */
final class MalformedTokenResponses {

    private static final String HTML_PAGE = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n"
            + "<body><h1>502 Bad Gateway</h1><p>The upstream server is unavailable.</p></body></html>\n";

    private MalformedTokenResponses() {
    }

    /**
     * Returns the answer broken in the given way. The tokens in these answers are never honoured,
     * so a client that uses one anyway is rejected by the API endpoints.
     */
    static Response of(Malformation kind, TokenLedger ledger, String accessKey, String secretKey, long expiresMinutes) {
        return switch (kind) {
            case HTML_PAGE -> Response.ok(HTML_PAGE, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
            case TRUNCATED_JSON -> Response.ok(truncatedJson(), MediaType.APPLICATION_JSON_TYPE).build();
            case MISSING_DATA -> AiobResponses.ok(Envelope.of(AiobResponses.CODE_OK, "OK"));
            case MISSING_ACCESS_TOKEN ->
                AiobResponses.ok(TokenEnvelope.ok(TokenData.of(null, expiresMinutes, accessKey, secretKey)));
            case MISSING_EXPIRES_TIME -> unhonouredToken(ledger, null, accessKey, secretKey);
            case ZERO_EXPIRES_TIME -> unhonouredToken(ledger, 0L, accessKey, secretKey);
            case NEGATIVE_EXPIRES_TIME -> unhonouredToken(ledger, -5L, accessKey, secretKey);
            case ABSURD_EXPIRES_TIME -> unhonouredToken(ledger, 1000L * 366 * 24 * 60, accessKey, secretKey);
        };
    }

    private static Response unhonouredToken(TokenLedger ledger, Long expiresMinutes, String accessKey,
            String secretKey) {
        return AiobResponses.ok(TokenEnvelope.ok(TokenData.of(ledger.issueUnhonoured(), expiresMinutes, accessKey,
                secretKey)));
    }

    /** A success envelope that stops inside {@code data}, in the middle of a field name. */
    private static String truncatedJson() {
        return "{\"time\":" + System.currentTimeMillis() + ",\"code\":200,\"msg\":\"OK\",\"data\":{\"tenantId\":"
                + TokenData.TENANT_ID + ",\"accountId\":\"" + TokenData.ACCOUNT_ID + "\",\"accessTok";
    }
}
