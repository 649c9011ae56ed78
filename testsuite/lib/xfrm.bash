# shellcheck shell=bash
#
# What the ip xfrm tests share (testsuite/xfrm_*.bats), after lib/common:
#
#   json_covers_text ARG...   our JSON of `ip -s ARG...` holds every word and
#                             number of our text
#   have_esp_state            whether the kernel takes an ESP state

# json_covers_text ARG...: our `ip -j ARG...` parses, and every word and
# number of our `ip -s ARG...` text is in it: as a member name (or a part
# of one split at '_', '-' or ' '), as a string (or a part split at ' ',
# '/', '(', ')' or ','), or, for a number, as a JSON number or hex string
# of the same value.
# A "0xDIGITS" of the text may stand for the string DIGITS (the flag bits
# are printed that way); "INF" is the limit 18446744073709551615; a lone
# "-" (a time that never came) needs nothing.
json_covers_text() {
	local text json tok v missing=''
	# Looked up in the shell, not by a grep per word: the VM lane's guest
	# pays dearly for every program it starts.
	local -A words=() values=()

	text=$(ours -s "$@")
	# The reference glues a state's extra flags to its flags ("flag
	# noecnextra_flag dont-encap-dscp"), and so must ours: part them here.
	text=${text//extra_flag/ extra_flag}
	json=$(ours -s -j "$@")
	jq empty <<<"$json" || { echo "not JSON: $json"; return 1; }
	while read -r v; do
		words[$v]=1
		# Numbers too long for the shell (keys) are matched as words only.
		if [[ $v =~ ^0x[0-9a-f]{1,15}$ ]]; then
			values[$((v))]=1
		elif [[ $v =~ ^[0-9]{1,17}$ ]]; then
			values[$((10#$v))]=1
		fi
	done < <(jq -r '[paths | .[] | strings | ., splits("[ ]"), splits("[_ -]")] +
		[.. | scalars | tostring | ., splits("[ /(),]")] | .[] | ascii_downcase |
		select(length > 0)' <<<"$json")
	# A label's ':' goes ("limit:"), an address's stays ("2001:db8::").
	for tok in $(tr -s ' \t(),/\\' '\n' <<<"$text" | sed 's/^\([A-Za-z][A-Za-z_-]*\):$/\1/' |
		tr 'A-Z' 'a-z'); do
		[[ $tok =~ ^-*$ ]] && continue
		[ -n "${words[$tok]:-}" ] && continue
		[[ $tok == 0x* ]] && [ -n "${words[${tok#0x}]:-}" ] && continue
		[ "$tok" = inf ] && [[ $json == *18446744073709551615* ]] && continue
		if [[ $tok =~ ^(0x[0-9a-f]{1,15}|[0-9]{1,17})$ ]]; then
			if [[ $tok == 0x* ]]; then v=$((tok)); else v=$((10#$tok)); fi
			[ -n "${values[$v]:-}" ] && continue
		fi
		missing+=" $tok"
	done
	if [ -n "$missing" ]; then
		echo "JSON of 'ip $*' lacks:$missing"
		echo "text: $text"
		echo "json: $json"
		return 1
	fi
}

# have_esp_state: whether the kernel takes an ESP state (with AES-CBC and
# HMAC-SHA1); tried in a scratch namespace of its own.
have_esp_state() {
	unshare -n "$NLKIT_REF_IP" xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp \
		spi 0x1000 enc "cbc(aes)" 0x00112233445566778899aabbccddeeff \
		auth-trunc "hmac(sha1)" 0x00112233445566778899aabbccddeeff00112233 96 \
		>/dev/null 2>&1
}
