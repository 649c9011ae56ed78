// SPDX-License-Identifier: GPL-2.0-or-later
#include "ss.h"

int main(int argc, char **argv)
{
	return ss_main(argc, argv);
}
