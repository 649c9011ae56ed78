/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ip -batch: running the commands of a file, one per line. */
#ifndef NLKIT_IP_BATCH_H
#define NLKIT_IP_BATCH_H

#include <nlkit/print.h>

/*
 * ip_batch - run every command of @file ("-": standard input) as the
 * reference's `ip [-force] -batch FILE` does, with ipo.force and
 * ipo.atomic; each line prints through the layer set up with @cfg, its
 * JSON document ended after the line.  Returns the exit status of the
 * batch: 0, or 1 when a command failed or the file could not be read.
 * Commands that call exit() (a usage error) end the batch with their
 * status, as in the reference.
 *
 * Syntax, as the reference's: a '#' starts a comment that runs to the end
 * of its line, wherever it is; a line ending in a backslash goes on on the
 * next; words are separated by white space; a word that starts with '"' or
 * '\'' runs to the next such quote (which ends the word) and may hold white
 * space; at most 511 words a command.
 */
int ip_batch(const char *file, const struct pr_config *cfg);

#endif
