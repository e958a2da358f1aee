/**
 * Payments: the provider port ({@link dev.turnstile.payment.PaymentProvider}, one implementation per
 * provider in {@code dev.turnstile.adapters.*}), payment attempts, webhooks applied exactly once, and
 * refunds. The steps of the payment workflow are plain use cases here; docs/payments.md describes
 * the flow, the exactly-once rule and the PCI position (no card data is ever stored).
 */
package dev.turnstile.payment;
