// Writes the README's pom.xml, server.xml, Java and properties blocks into this project, as a new
// user would copy them; a block's file is its first line's path (or pom.xml, server.xml by kind).
// Then adds what only the test needs: a port of its own, the simulator beside the application.

def readme = new File(readmePath).getText('UTF-8')
def blocks = (readme =~ /(?s)```(\w+)\n(.*?)```/).collect { [it[1], it[2]] }
def written = []
blocks.each { lang, body ->
    def first = body.readLines().find() ?: ''
    def path = null
    if (lang == 'xml' && body.startsWith('<project>')) {
        path = 'pom.xml'
    } else if (lang == 'xml' && body.startsWith('<server>')) {
        path = 'src/main/liberty/config/server.xml'
    } else if ((lang == 'java' && first.startsWith('// src/')) || (lang == 'properties' && first.startsWith('# src/'))) {
        path = first.replaceFirst(/^(\/\/|#) /, '').trim()
    }
    if (path != null) {
        def file = new File(basedir, path)
        file.parentFile.mkdirs()
        file.setText(body, 'UTF-8')
        written << path
    }
}
def expected = ['pom.xml', 'src/main/liberty/config/server.xml', 'src/main/java/com/example/AiobClient.java',
        'src/main/java/com/example/CallResource.java', 'src/main/java/com/example/InvalidBody.java',
        'src/main/java/com/example/MyApplication.java',
        'src/main/resources/META-INF/microprofile-config.properties']
assert written.sort() == expected.sort() : "the README's blocks gave ${written}, expected ${expected}"

def overrides = new File(basedir, 'src/main/liberty/config/configDropins/overrides/readme-consumer-it.xml')
overrides.parentFile.mkdirs()
overrides.setText("""<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by setup.groovy: not the README's. Another port than the ITs' 9080/9443, and the simulator. -->
<server>
    <httpEndpoint id="defaultHttpEndpoint" host="localhost" httpPort="${httpPort}" httpsPort="-1"/>
    <webApplication location="${simulatorApp}" type="war" contextRoot="/sim"/>
</server>
""", 'UTF-8')
return true
