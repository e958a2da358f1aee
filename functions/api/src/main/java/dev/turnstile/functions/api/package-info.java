/**
 * Lambda entry points of the REST API, one class per function of the catalogue
 * ({@link dev.turnstile.catalogue.FunctionCatalogue}). Each names its catalogue entry and nothing
 * more: routing, validation and problem responses live in the shared core.
 */
package dev.turnstile.functions.api;
