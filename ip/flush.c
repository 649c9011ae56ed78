// SPDX-License-Identifier: GPL-2.0-or-later
/* The rounds of a flush, as the reference runs them for every object. */
#include <errno.h>
#include <string.h>

#include <nlkit/print.h>

#include "ip.h"

/* The rounds a flush makes unless -l says otherwise. */
#define FLUSH_ROUNDS 10

int ip_flush(const char *noun, int (*round)(void *data), void *data)
{
	const struct pr_config text = { .oneline = ipo.oneline, .human = ipo.human };
	unsigned int rounds = ipo.loops ? ipo.loops : FLUSH_ROUNDS, n;

	/* Flush reports in text, JSON asked for or not, as the reference. */
	pr_finish();
	pr_init(stdout, &text);

	for (n = 1; n <= rounds; n++) {
		int count = round(data);

		if (count < 0) {
			if (count != -EIO)
				fprintf(stderr, "Failed to send flush request: %s\n",
					strerror(-count));
			return 1;
		}
		if (count == 0) {
			if (n == 1 && ipo.stats)
				pr_text("Nothing to flush.\n");
			else if (ipo.stats)
				pr_text("*** Flush is complete after %u round%s ***\n", n - 1,
					n - 1 > 1 ? "s" : "");
			return 0;
		}
		if (ipo.stats)
			pr_text("\n*** Round %u, deleting %d %s ***\n", n, count, noun);
	}
	pr_text("*** Flush remains incomplete after %u rounds. ***\n", rounds);
	return 1;
}
