package io.eventsync.spring;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Collects the {@link EventSyncListener} and {@link EventSyncWebhookListener} methods of every bean
 * as it is initialized.
 */
final class ListenerMethods implements BeanPostProcessor {
  /** One annotated method of a bean. */
  record Target(Object bean, String beanName, Method method, String name) {
    /** Calls the method with {@code argument}, rethrowing what it throws. */
    void invoke(Object argument) throws Exception {
      try {
        method.invoke(bean, argument);
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Exception exception) {
          throw exception;
        }
        if (cause instanceof Error error) {
          throw error;
        }
        throw e;
      }
    }

    /** Says where the method is, for messages. */
    String describe() {
      return beanName + "." + method.getName();
    }
  }

  private final List<Target> pollerTargets = new CopyOnWriteArrayList<>();
  private final List<Target> webhookTargets = new CopyOnWriteArrayList<>();

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    Class<?> type = AopUtils.getTargetClass(bean);
    Map<Method, EventSyncListener> pollers =
        MethodIntrospector.selectMethods(
            type,
            (MethodIntrospector.MetadataLookup<EventSyncListener>)
                m -> AnnotatedElementUtils.findMergedAnnotation(m, EventSyncListener.class));
    pollers.forEach(
        (method, annotation) ->
            pollerTargets.add(target(bean, beanName, method, annotation.stream())));
    Map<Method, EventSyncWebhookListener> webhooks =
        MethodIntrospector.selectMethods(
            type,
            (MethodIntrospector.MetadataLookup<EventSyncWebhookListener>)
                m -> AnnotatedElementUtils.findMergedAnnotation(m, EventSyncWebhookListener.class));
    webhooks.forEach(
        (method, annotation) ->
            webhookTargets.add(target(bean, beanName, method, annotation.endpoint())));
    return bean;
  }

  private static Target target(Object bean, String beanName, Method method, String name) {
    Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
    if (invocable.getParameterCount() != 1) {
      throw new EventSyncConfigurationException(
          "@EventSyncListener/@EventSyncWebhookListener method "
              + beanName
              + "."
              + method.getName(),
          "takes " + invocable.getParameterCount() + " parameters",
          "give it exactly one: the event (or List of events, or webhook payload)");
    }
    ReflectionUtils.makeAccessible(invocable);
    return new Target(bean, beanName, invocable, name);
  }

  List<Target> pollerTargets() {
    return pollerTargets;
  }

  List<Target> webhookTargets() {
    return webhookTargets;
  }
}
