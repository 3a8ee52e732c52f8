package io.github.aiobmp.simulator;

/** The Access Key / Secret Key pair the simulator accepts. {@link #toString()} hides the secret. */
record Credentials(String accessKey, String secretKey) {

    Credentials {
        if (accessKey == null || accessKey.isBlank()) {
            throw new IllegalArgumentException("accessKey must not be blank");
        }
        if (secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("secretKey must not be blank");
        }
    }

    boolean matches(String givenAccessKey, String givenSecretKey) {
        return accessKey.equals(givenAccessKey) && secretKey.equals(givenSecretKey);
    }

    @Override
    public String toString() {
        return "Credentials[accessKey=" + accessKey + ", secretKey=****]";
    }
}
