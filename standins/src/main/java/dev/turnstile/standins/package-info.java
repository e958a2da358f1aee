/**
 * Real servers standing in for AWS services where AWS cannot run (dynalite for DynamoDB, S3Mock for
 * S3): each launcher starts its server on a random loopback port, waits until it answers, and stops it
 * on {@link java.lang.AutoCloseable#close()}. Tests and the local runtime use them; the Lambda
 * artifacts never contain them.
 */
package dev.turnstile.standins;
