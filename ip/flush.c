// SPDX-License-Identifier: GPL-2.0-or-later
/* The rounds of a flush, as the reference runs them for every object. */
#include <errno.h>
#include <string.h>

#include <nlkit/print.h>

#include "ip.h"

int ip_flush(const struct ip_flush_kind *kind, int (*round)(void *data), void *data)
{
	const struct pr_config text = { .oneline = ipo.oneline, .human = ipo.human };
	unsigned int n;

	/* Flush reports in text, JSON asked for or not, as the reference. */
	pr_finish();
	pr_init(stdout, &text);

	for (n = 1; n <= kind->max_rounds; n++) {
		int count = round(data);

		if (count < 0) {
			/* What -s -s listed comes first, as in the reference. */
			fflush(stdout);
			if (count != -EIO)
				fprintf(stderr, "Failed to send flush request: %s\n",
					strerror(-count));
			return kind->fail_status;
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
			pr_text("\n*** Round %u, deleting %d %s ***\n", n, count, kind->noun);
	}
	/* The rounds reported on standard output come first, as in the reference. */
	fflush(stdout);
	fprintf(stderr, "*** Flush remains incomplete after %u rounds. ***\n", kind->max_rounds);
	return kind->fail_status;
}
