# ivr-app image for docker-compose.yml (build the jar first: ./mvnw -B -DskipTests package).
FROM eclipse-temurin:17-jre
WORKDIR /app
COPY ivr-app/target/ivr-app-*.jar /app/tanfang.jar
COPY voice-prompts /app/voice-prompts
ENV TZ=Asia/Shanghai
EXPOSE 8080 4573
ENTRYPOINT ["java", "-Duser.timezone=Asia/Shanghai", "-jar", "/app/tanfang.jar"]
