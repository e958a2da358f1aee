/**
 * The payment workflow: from a started payment until the registration is paid or its hold is
 * released. Its steps ({@link RunPaymentStep}) are plain use cases over the existing ones
 * ({@code ExpireHolds}, {@code RunPaymentFollowUps}); two runners execute them with the same
 * decisions: the Step Functions state machine in AWS (the CDK's {@code PaymentWorkflowStack}) and
 * {@code adapters.workflow.InProcessPaymentWorkflow} in the local runtime. {@link WatchPayment} starts one through the
 * {@link PaymentWorkflow} port. docs/payments.md, "The payment workflow".
 */
package dev.turnstile.paymentflow;
