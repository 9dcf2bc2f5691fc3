# ivr-app image for docker-compose.yml (build the jar first: ./mvnw -B -DskipTests package).
FROM eclipse-temurin:17-jre
WORKDIR /app
COPY ivr-app/target/ivr-app-*.jar /app/tanfang.jar
COPY voice-prompts /app/voice-prompts
ENV TZ=Asia/Shanghai
EXPOSE 8080 4573
# JVM flags: README "Production" (JVM flags) and BENCHMARKS.md "Load benchmark".
ENTRYPOINT ["java", "-XX:+UseZGC", "-Xms1g", "-Xmx2g", "-Xss512k", \
            "-Duser.timezone=Asia/Shanghai", "-jar", "/app/tanfang.jar"]
