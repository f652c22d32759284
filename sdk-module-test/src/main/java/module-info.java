/**
 * An application module that uses the SDK's modules: what a user on the module path writes. It
 * exports nothing; its test runs inside it.
 */
module io.eventsync.moduletest {
  requires io.eventsync.core;
  requires io.eventsync.webhooks;
  requires io.eventsync.testkit;
}
