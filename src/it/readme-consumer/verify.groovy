// Calls the README's application as its users would, through a GET and a POST with a JSON body, and
// POSTs of bodies it must refuse, with the mappers registered; then stops its Liberty, whatever happened.
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration

def base = "http://localhost:${httpPort}"
def client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
def send = { String method, String path, String json ->
    def request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
            .header('Content-Type', 'application/json')
            .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
            .build()
    client.send(request, HttpResponse.BodyHandlers.ofString())
}
def server = new File(basedir, 'target/liberty/wlp/bin/server')
try {
    // liberty:start does not wait for the applications: wait, at most a minute, until both answer
    // (GET on the POST-only /calls is 405 once the application is there, 404 before), calling no AIOB.
    def deadline = System.nanoTime() + 60_000_000_000L
    while (true) {
        def app = send('GET', '/my-aiob-app/api/calls', null).statusCode()
        def sim = send('GET', '/sim/aiob-simulator/control/stats', null).statusCode()
        if (app == 405 && sim == 200) {
            break
        }
        assert System.nanoTime() < deadline : "the application (${app}) or the simulator (${sim}) did not start"
        Thread.sleep(200)
    }

    def sources = new File(basedir, 'target/dependency-sources.txt').getText('UTF-8')
    def resolved = sources.substring(0, sources.indexOf('NOT been resolved') < 0 ? sources.length() : sources.indexOf('NOT been resolved'))
    // dependency:sources asks for aiob-mp's "sources" jar for the "auth" dependency, whatever its classifier.
    assert resolved.contains("io.github.aiobmp:aiob-mp:jar:sources:${componentVersion}") : "the component's sources: ${sources}"

    def robots = send('GET', '/my-aiob-app/api/calls/robots', null)
    assert robots.statusCode() == 200 : "GET robots: ${robots.statusCode()} ${robots.body()}"
    assert robots.body().contains('"code":200') && robots.body().contains('sim-robot-1') : robots.body()

    def call = send('POST', '/my-aiob-app/api/calls', '{"robotId":"sim-robot-1","mobile":"13800000000","secretType":2}')
    assert call.statusCode() == 200 : "POST call: ${call.statusCode()} ${call.body()}"
    assert call.body().contains('"memberId"') : call.body()

    def stats = send('GET', '/sim/aiob-simulator/control/stats', null).body()
    assert stats =~ /"tokenRequests":1[,}]/ : "one getToken for both calls: ${stats}"

    // A body that is not JSON, or lacks a field: 400 with JSON, and nothing is sent to AIOB.
    ['', 'not json', '{"robotId":', '{}', '{"robotId":"sim-robot-1","mobile":"13800000000"}', 'null'].each { body ->
        def invalid = send('POST', '/my-aiob-app/api/calls', body)
        assert invalid.statusCode() == 400 : "POST ${body}: ${invalid.statusCode()} ${invalid.body()}"
        assert invalid.headers().firstValue('Content-Type').orElse('').startsWith('application/json') : invalid.headers()
        assert invalid.body().contains('"error":"Invalid request body"') : "POST ${body}: ${invalid.body()}"
    }
    def after = send('GET', '/sim/aiob-simulator/control/stats', null).body()
    assert (after =~ /"apiRequests":(\d+)/)[0][1] == (stats =~ /"apiRequests":(\d+)/)[0][1] : "sent to AIOB: ${stats} then ${after}"

    // The token is revoked and the keys refused: the mapper answers the component's failure as JSON.
    assert send('PUT', '/sim/aiob-simulator/control/faults', '{"accessKey":"x","secretKey":"y"}').statusCode() == 204
    assert send('POST', '/sim/aiob-simulator/control/revoke-all', null).statusCode() == 204
    def refused = send('GET', '/my-aiob-app/api/calls/robots', null)
    assert refused.statusCode() == 502 : "refused keys: ${refused.statusCode()} ${refused.body()}"
    assert refused.headers().firstValue('Content-Type').orElse('').startsWith('application/json') : refused.headers()
    assert refused.body().contains('"error":"AIOB rejected the credentials"') : refused.body()
    assert refused.body().contains('accessKey or secretKey is invalid') : refused.body()
    assert !(refused.body() =~ /[A-Z]\w*Exception/) : "a class name in ${refused.body()}"
} finally {
    if (server.canExecute()) { // not when the build failed before creating the server
        new ProcessBuilder(server.absolutePath, 'stop', 'defaultServer').inheritIO().start().waitFor()
    }
}
return true
