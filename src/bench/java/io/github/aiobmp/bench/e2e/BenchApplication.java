package io.github.aiobmp.bench.e2e;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The benchmark WAR's endpoints, at its context root; deployed only by bench/e2e.sh. */
@ApplicationPath("/")
public class BenchApplication extends Application {
}
