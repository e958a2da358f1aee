package dev.turnstile.standins;

import org.apache.catalina.connector.Connector;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Binds S3Mock's plain-HTTP connector to 127.0.0.1. {@code server.address} only reaches Spring Boot's
 * own (TLS) connector; S3Mock adds the HTTP one as a bean of its own, which would otherwise listen on
 * every interface. Spring Boot finds this initializer in {@code META-INF/spring.factories} (Boot 4 no longer
 * reads {@code context.initializer.classes}); it acts only on the contexts {@link S3Mock#start} marks.
 */
public final class S3MockLoopbackOnly implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String LOOPBACK = "127.0.0.1";
    static final String MARK = "turnstile.standins.loopback-only";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (!context.getEnvironment().getProperty(MARK, Boolean.class, false)) {
            return;
        }
        context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof Connector connector) {
                    connector.setProperty("address", LOOPBACK);
                }
                return bean;
            }
        });
    }
}
