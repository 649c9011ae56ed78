// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * -i for TCP: struct tcp_info and the congestion control's own record,
 * each value written only when the kernel has one to report, as the
 * reference does.  The kernel may send a shorter struct tcp_info than
 * ours (an older kernel): the missing tail reads as zero.
 */
#include <string.h>
#include <linux/inet_diag.h>
#include <linux/tcp.h>

#include "ss.h"
#include "tcpinfo.h"

/* The decimal digits of @v, into @p's end; returns where they start. */
static char *format_digits(unsigned long long v, char *end)
{
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return end;
}

static void out_double(const char *key, const char *fmt, double value)
{
	char number[64];

	snprintf(number, sizeof(number), "%g", value);
	out_number(key, fmt, number);
}

/*
 * @usec / 1000 as "%g" writes it, for the times tcp_info gives in
 * microseconds: under a million ms and a thousand times exact, it has at
 * most six digits, which %g writes in full less the trailing zeros; this
 * is printf's time at 50k sockets saved.  Others go to printf.
 */
static void out_msec(const char *key, const char *fmt, unsigned int usec)
{
	char number[32], *end = number + sizeof(number) - 1, *p = end;
	unsigned int frac = usec % 1000;

	if (usec >= 1000000) {
		out_double(key, fmt, (double)usec / 1000);
		return;
	}
	*end = '\0';
	if (frac) {
		int digits = 3;

		while (!(frac % 10)) {
			frac /= 10;
			digits--;
		}
		while (digits--) {
			*--p = (char)('0' + frac % 10);
			frac /= 10;
		}
		*--p = '.';
	}
	p = format_digits(usec / 1000, p);
	out_number(key, fmt, p);
}

/*
 * Rates are bits per second, written whole ("%.0f": the nearest
 * integer, a tie to the even one).  Doubles below 2^53 hold their
 * integer and fraction exactly, so that no printf is needed for them.
 */
static void out_rate(const char *key, const char *fmt, double bps)
{
	char number[64], *end = number + sizeof(number) - 1;
	unsigned long long whole;
	double frac;

	if (!(bps >= 0 && bps < 9007199254740992.0)) {
		snprintf(number, sizeof(number), "%.0f", bps);
		out_number(key, fmt, number);
		return;
	}
	whole = (unsigned long long)bps;
	frac = bps - (double)whole;
	if (frac > 0.5 || (frac == 0.5 && (whole & 1)))
		whole++;
	*end = '\0';
	out_number(key, fmt, format_digits(whole, end));
}

static void out_bbr(const struct tcp_bbr_info *bbr)
{
	uint64_t bw = (uint64_t)bbr->bbr_bw_hi << 32 | bbr->bbr_bw_lo;

	out_open_object("bbr", " bbr:(");
	out_rate("bw", "bw:%sbps", (double)bw * 8);
	out_msec("mrtt", ",mrtt:%s", bbr->bbr_min_rtt);
	if (bbr->bbr_pacing_gain)
		out_double("pacing_gain", ",pacing_gain:%s", (double)bbr->bbr_pacing_gain / 256);
	if (bbr->bbr_cwnd_gain)
		out_double("cwnd_gain", ",cwnd_gain:%s", (double)bbr->bbr_cwnd_gain / 256);
	out_close_object(")");
}

static void out_dctcp(const struct tcp_dctcp_info *d)
{
	if (!d->dctcp_enabled) {
		out_flag("dctcp_fallback_mode", " dctcp:fallback_mode");
		return;
	}
	out_open_object("dctcp", " dctcp:(");
	out_uint("ce_state", "ce_state:%u", d->dctcp_ce_state);
	out_uint("alpha", ",alpha:%u", d->dctcp_alpha);
	out_uint("ab_ecn", ",ab_ecn:%u", d->dctcp_ab_ecn);
	out_uint("ab_tot", ",ab_tot:%u", d->dctcp_ab_tot);
	out_close_object(")");
}

void out_tcp_info(const struct tcp_diag_info *di)
{
	struct tcp_info t;
	size_t len = di->info_len < sizeof(t) ? di->info_len : sizeof(t);

	memset(&t, 0, sizeof(t));
	memcpy(&t, di->info, len);

	/* The reference shows the negotiated options with the timers only. */
	if (sso.timers) {
		if (t.tcpi_options & TCPI_OPT_TIMESTAMPS)
			out_flag("ts", " ts");
		if (t.tcpi_options & TCPI_OPT_SACK)
			out_flag("sack", " sack");
		if (t.tcpi_options & TCPI_OPT_ECN)
			out_flag("ecn", " ecn");
		if (t.tcpi_options & TCPI_OPT_ECN_SEEN)
			out_flag("ecnseen", " ecnseen");
		if (t.tcpi_options & TCPI_OPT_SYN_DATA)
			out_flag("fastopen", " fastopen");
	}
	if (di->cong)
		out_str("cong", " %s", di->cong);
	if (t.tcpi_options & TCPI_OPT_WSCALE) {
		char wscale[32];

		snprintf(wscale, sizeof(wscale), "%u,%u", t.tcpi_snd_wscale, t.tcpi_rcv_wscale);
		out_str("wscale", " wscale:%s", wscale);
	}
	if (t.tcpi_rto && t.tcpi_rto != 3000000)
		out_msec("rto", " rto:%s", t.tcpi_rto);
	if (t.tcpi_backoff)
		out_uint("backoff", " backoff:%u", t.tcpi_backoff);
	if (t.tcpi_rtt) {
		out_msec("rtt", " rtt:%s", t.tcpi_rtt);
		out_msec("rttvar", "/%s", t.tcpi_rttvar);
	}
	if (t.tcpi_ato)
		out_msec("ato", " ato:%s", t.tcpi_ato);
	if (t.tcpi_snd_mss)
		out_uint("mss", " mss:%u", t.tcpi_snd_mss);
	if (t.tcpi_pmtu)
		out_uint("pmtu", " pmtu:%u", t.tcpi_pmtu);
	if (t.tcpi_rcv_mss)
		out_uint("rcvmss", " rcvmss:%u", t.tcpi_rcv_mss);
	if (t.tcpi_advmss)
		out_uint("advmss", " advmss:%u", t.tcpi_advmss);
	if (t.tcpi_snd_cwnd)
		out_uint("cwnd", " cwnd:%u", t.tcpi_snd_cwnd);
	if (t.tcpi_snd_ssthresh && t.tcpi_snd_ssthresh < 0xFFFF)
		out_uint("ssthresh", " ssthresh:%u", t.tcpi_snd_ssthresh);
	if (t.tcpi_bytes_sent)
		out_u64("bytes_sent", " bytes_sent:%llu", t.tcpi_bytes_sent);
	if (t.tcpi_bytes_retrans)
		out_u64("bytes_retrans", " bytes_retrans:%llu", t.tcpi_bytes_retrans);
	if (t.tcpi_bytes_acked)
		out_u64("bytes_acked", " bytes_acked:%llu", t.tcpi_bytes_acked);
	if (t.tcpi_bytes_received)
		out_u64("bytes_received", " bytes_received:%llu", t.tcpi_bytes_received);
	if (t.tcpi_segs_out)
		out_uint("segs_out", " segs_out:%u", t.tcpi_segs_out);
	if (t.tcpi_segs_in)
		out_uint("segs_in", " segs_in:%u", t.tcpi_segs_in);
	if (t.tcpi_data_segs_out)
		out_uint("data_segs_out", " data_segs_out:%u", t.tcpi_data_segs_out);
	if (t.tcpi_data_segs_in)
		out_uint("data_segs_in", " data_segs_in:%u", t.tcpi_data_segs_in);
	if (di->dctcp)
		out_dctcp(di->dctcp);
	if (di->bbr)
		out_bbr(di->bbr);
	if (t.tcpi_rtt && t.tcpi_snd_mss && t.tcpi_snd_cwnd)
		out_rate("send", " send %sbps",
			 (double)t.tcpi_snd_mss * t.tcpi_snd_cwnd * 8 * 1000000 / t.tcpi_rtt);
	if (t.tcpi_last_data_sent)
		out_uint("lastsnd", " lastsnd:%u", t.tcpi_last_data_sent);
	if (t.tcpi_last_data_recv)
		out_uint("lastrcv", " lastrcv:%u", t.tcpi_last_data_recv);
	if (t.tcpi_last_ack_recv)
		out_uint("lastack", " lastack:%u", t.tcpi_last_ack_recv);
	if (t.tcpi_pacing_rate && t.tcpi_pacing_rate != ~0ULL) {
		out_rate("pacing_rate", " pacing_rate %sbps", (double)t.tcpi_pacing_rate * 8);
		if (t.tcpi_max_pacing_rate && t.tcpi_max_pacing_rate != ~0ULL)
			out_rate("max_pacing_rate", "/%sbps", (double)t.tcpi_max_pacing_rate * 8);
	}
	if (t.tcpi_delivery_rate)
		out_rate("delivery_rate", " delivery_rate %sbps", (double)t.tcpi_delivery_rate * 8);
	if (t.tcpi_delivered)
		out_uint("delivered", " delivered:%u", t.tcpi_delivered);
	if (t.tcpi_delivered_ce)
		out_uint("delivered_ce", " delivered_ce:%u", t.tcpi_delivered_ce);
	if (t.tcpi_delivery_rate_app_limited)
		out_flag("app_limited", " app_limited");
	if (t.tcpi_busy_time) {
		out_u64("busy", " busy:%llums", t.tcpi_busy_time / 1000);
		if (t.tcpi_rwnd_limited)
			out_u64("rwnd_limited", " rwnd_limited:%llums", t.tcpi_rwnd_limited / 1000);
		if (t.tcpi_sndbuf_limited)
			out_u64("sndbuf_limited", " sndbuf_limited:%llums",
				t.tcpi_sndbuf_limited / 1000);
	}
	if (t.tcpi_unacked)
		out_uint("unacked", " unacked:%u", t.tcpi_unacked);
	if (t.tcpi_retrans || t.tcpi_total_retrans) {
		out_uint("retrans", " retrans:%u", t.tcpi_retrans);
		out_uint("total_retrans", "/%u", t.tcpi_total_retrans);
	}
	if (t.tcpi_lost)
		out_uint("lost", " lost:%u", t.tcpi_lost);
	if (t.tcpi_sacked && t.tcpi_state != SS_LISTEN)
		out_uint("sacked", " sacked:%u", t.tcpi_sacked);
	if (t.tcpi_dsack_dups)
		out_uint("dsack_dups", " dsack_dups:%u", t.tcpi_dsack_dups);
	if (t.tcpi_fackets)
		out_uint("fackets", " fackets:%u", t.tcpi_fackets);
	if (t.tcpi_reordering != 3)
		out_uint("reordering", " reordering:%u", t.tcpi_reordering);
	if (t.tcpi_reord_seen)
		out_uint("reord_seen", " reord_seen:%u", t.tcpi_reord_seen);
	if (t.tcpi_rcv_rtt)
		out_msec("rcv_rtt", " rcv_rtt:%s", t.tcpi_rcv_rtt);
	if (t.tcpi_rcv_space)
		out_uint("rcv_space", " rcv_space:%u", t.tcpi_rcv_space);
	if (t.tcpi_rcv_ssthresh)
		out_uint("rcv_ssthresh", " rcv_ssthresh:%u", t.tcpi_rcv_ssthresh);
	if (t.tcpi_notsent_bytes)
		out_uint("notsent", " notsent:%u", t.tcpi_notsent_bytes);
	if (t.tcpi_min_rtt)
		out_msec("minrtt", " minrtt:%s", t.tcpi_min_rtt);
	if (t.tcpi_rcv_ooopack)
		out_uint("rcv_ooopack", " rcv_ooopack:%u", t.tcpi_rcv_ooopack);
	if (t.tcpi_snd_wnd)
		out_uint("snd_wnd", " snd_wnd:%u", t.tcpi_snd_wnd);
}
