/**
 * The web-cron runner: each current version's crons, called on their cron schedule in UTC against one
 * running instance of their type, directly rather than through the router. A ledger on disk remembers
 * the last slot handled per cron, so a slot runs at most once even across engine restarts, and the
 * slots missed meanwhile are logged as missed. Every run, miss and skip is one JSON line in the cron's
 * own log.
 */
package org.paasmaker.engine.cron;
