/**
 * Lambda entry points for door staff. Thin, like every function module: the catalogue entry names
 * the routes; the shared core does the work.
 */
package dev.turnstile.functions.checkin;
