/* SPDX-License-Identifier: MIT */
/*
 * Write realistic Suricata EVE JSON lines for the alerts benchmark:
 *
 *	gen-eve MEGABYTES [SEED] > eve.json
 *
 * About a third of the records are alerts; the rest are dns, flow, http,
 * tls, fileinfo and stats records as Suricata writes them. Keys come in
 * several orders, alerts carry payloads (base64 and printable, with \r\n,
 * \/, \" and \u escapes), nested http/flow/packet_info objects, and
 * signatures from the catalog's world (ET SCAN, CnC, exploit kits ...) as
 * well as ones that match no event. Deterministic for a given seed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 88172645463325252ull;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

static const struct {
	long sid;
	const char *sig, *cat;
	int sev;
} sigs[] = {
	{ 2001219, "ET SCAN Potential SSH Scan",
	  "Attempted Information Leak", 2 },
	{ 2009582, "ET SCAN NMAP -sS window 1024",
	  "Attempted Information Leak", 2 },
	{ 2010937, "ET SCAN Suspicious inbound to mySQL port 3306",
	  "Potentially Bad Traffic", 2 },
	{ 2402000, "ET DROP Dshield Block Listed Source group 1",
	  "Misc Attack", 2 },
	{ 2006546, "ET SCAN LibSSH Based Frequent SSH Connections Likely "
	  "BruteForce Attack", "Attempted Administrator Privilege Gain", 1 },
	{ 2100498, "GPL ATTACK_RESPONSE id check returned root",
	  "Potentially Bad Traffic", 2 },
	{ 2027863, "ET WEB_SERVER Possible SQL Injection Attempt UNION SELECT",
	  "Web Application Attack", 1 },
	{ 2018959, "ET CNC Feodo Tracker Reported CnC Server group 3",
	  "A Network Trojan was detected", 1 },
	{ 2030358, "ET MALWARE Cobalt Strike Beacon Observed",
	  "A Network Trojan was detected", 1 },
	{ 2014371, "ET TROJAN Kelihos.F EXE Download Common Structure",
	  "A Network Trojan was detected", 1 },
	{ 2025107, "ET CURRENT_EVENTS Possible Phishing Landing Page",
	  "Possible Social Engineering Attempted", 2 },
	{ 2024897, "ET CURRENT_EVENTS RIG EK Landing Jul 11 2017",
	  "A Network Trojan was detected", 1 },
	{ 2019404, "ET DOS Potential Tsunami SYN Flood Denial Of Service "
	  "Attempt", "Attempted Denial of Service", 2 },
	{ 2027758, "ET DNS Query for .to TLD", "Potentially Bad Traffic", 2 },
	{ 2013504, "ET POLICY GNU/Linux APT User-Agent Outbound likely "
	  "related to package management", "Not Suspicious Traffic", 3 },
	{ 2210045, "SURICATA STREAM Packet with invalid ack",
	  "Generic Protocol Command Decode", 3 },
	{ 2221002, "SURICATA HTTP request field too long",
	  "Generic Protocol Command Decode", 3 },
	{ 9000001, "LOCAL Large DNS TXT answer, possible DNS tunnel",
	  "", 3 },
};
#define NSIGS (sizeof(sigs) / sizeof(*sigs))

static const char *const hosts[] = {
	"www.example.co.jp", "update.microsoft.com", "cdn.jsdelivr.net",
	"login.examp1e-secure.com", "x7qk2v9d.eu", "api.github.com",
};

static char payload[4096];
static long long nout;		/* bytes written */

#define P(...) (nout += printf(__VA_ARGS__))

static void
b64(char *out, size_t n)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
				"qrstuvwxyz0123456789+/";
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = a[rnd(64)];
	out[n] = '\0';
	while (n % 4)
		out[n++] = '=', out[n] = '\0';
}

static void
ts(char *buf, size_t n, long i)
{
	int day = 1 + (int)(i / 40000) % 28;

	snprintf(buf, n, "2020-10-%02dT%02u:%02u:%02u.%06u+0900", day,
		 rnd(24), rnd(60), rnd(60), rnd(1000000));
}

static void
ip_in(char *buf, size_t n)
{
	snprintf(buf, n, "192.168.%u.%u", rnd(4), 2 + rnd(60));
}

/*
 * An outside address from a pool of 2,000 (a small company's sensor sees
 * a few thousand scanners and servers in a month, not a new one each
 * time); one in ten is IPv6.
 */
static void
ip_out(char *buf, size_t n)
{
	uint32_t k = rnd(2000), h = k * 2654435761u;

	if (k % 10 == 0)
		snprintf(buf, n, "2001:db8:%x::%x", h >> 16, 1 + k % 200);
	else
		snprintf(buf, n, "%u.%u.%u.%u", 1 + (h >> 24) % 222,
			 (h >> 16) & 255, (h >> 8) & 255, 1 + h % 254);
}

static void
alert(long i)
{
	char t[64], src[48], dst[48];
	unsigned k = rnd(NSIGS);
	int order = (int)rnd(3);
	char head[512], al[1024];

	ts(t, sizeof(t), i);
	if (rnd(3))
		ip_out(src, sizeof(src)), ip_in(dst, sizeof(dst));
	else
		ip_in(src, sizeof(src)), ip_out(dst, sizeof(dst));
	snprintf(head, sizeof(head), "\"timestamp\":\"%s\",\"flow_id\":%u%06u,"
		 "\"in_iface\":\"eth1\",\"event_type\":\"alert\","
		 "\"src_ip\":\"%s\",\"src_port\":%u,\"dest_ip\":\"%s\","
		 "\"dest_port\":%u,\"proto\":\"TCP\"", t, rnd(1000000),
		 rnd(1000000), src, 1024 + rnd(60000), dst,
		 rnd(2) ? 80 : 443);
	snprintf(al, sizeof(al), "\"alert\":{\"action\":\"allowed\",\"gid\":1,"
		 "\"signature_id\":%ld,\"rev\":%u,\"signature\":\"%s\","
		 "\"category\":\"%s\",\"severity\":%d,\"metadata\":{"
		 "\"updated_at\":[\"2020_09_0%u\"],\"created_at\":"
		 "[\"2016_07_1%u\"]}}", sigs[k].sid, 1 + rnd(9), sigs[k].sig,
		 sigs[k].cat, sigs[k].sev, 1 + rnd(8), rnd(10));
	b64(payload, 200 + rnd(900));
	if (order == 0)
		P("{%s,%s,", head, al);
	else if (order == 1)
		P("{%s,\"app_proto\":\"http\",", head);
	else
		P("{%s,%s,", al, head);
	P("\"http\":{\"hostname\":\"%s\",\"url\":\"\\/index.php?id=%u"
	  "&q=%%27%%20OR%%201=1\",\"http_user_agent\":\"Mozilla\\/5.0 "
	  "(Windows NT 10.0; Win64; x64) \\u0041ppleWebKit\\/537.36\","
	  "\"http_content_type\":\"text\\/html\",\"http_method\":\"GET\","
	  "\"protocol\":\"HTTP\\/1.1\",\"status\":200,\"length\":%u},",
	  hosts[rnd(6)], rnd(100000), rnd(50000));
	P("\"payload\":\"%s\",\"payload_printable\":\"GET \\/ HTTP\\/1.1"
	  "\\r\\nHost: %s\\r\\nUser-Agent: \\\"curl\\/7.%u\\\"\\r\\n"
	  "Accept: *\\/*\\r\\n\\u3053\\u3093\\ud83d\\ude00\\r\\n\\r\\n\","
	  "\"stream\":1,\"packet\":\"%.*s\",\"packet_info\":{\"linktype\""
	  ":1}", payload, hosts[rnd(6)], rnd(80), 120, payload);
	if (order == 1)
		P(",%s", al);
	else
		P(",\"app_proto\":\"http\"");
	P(",\"flow\":{\"pkts_toserver\":%u,\"pkts_toclient\":%u,"
	  "\"bytes_toserver\":%u,\"bytes_toclient\":%u,\"start\":\"%s\"}}"
	  "\n", rnd(50), rnd(50), rnd(90000), rnd(90000), t);
}

static void
other(long i)
{
	char t[64], src[48], dst[48];
	unsigned k = rnd(10);

	ts(t, sizeof(t), i);
	ip_in(src, sizeof(src));
	ip_out(dst, sizeof(dst));
	P("{\"timestamp\":\"%s\",\"flow_id\":%u%06u,\"in_iface\":\"eth1\",",
	  t, rnd(1000000), rnd(1000000));
	if (k < 4) {
		P("\"event_type\":\"dns\",\"src_ip\":\"%s\",\"src_port\":%u"
		  ",\"dest_ip\":\"%s\",\"dest_port\":53,\"proto\":\"UDP\","
		  "\"dns\":{\"type\":\"answer\",\"id\":%u,\"flags\":\"8180\""
		  ",\"qr\":true,\"rd\":true,\"ra\":true,\"rrname\":\"%s\","
		  "\"rrtype\":\"A\",\"rcode\":\"NOERROR\",\"answers\":[{"
		  "\"rrname\":\"%s\",\"rrtype\":\"A\",\"ttl\":%u,\"rdata\":"
		  "\"%u.%u.%u.%u\"}],\"grouped\":{\"A\":[\"%u.%u.%u.%u\"]}}}"
		  "\n", src, 1024 + rnd(60000), dst, rnd(65536),
		  hosts[rnd(6)], hosts[rnd(6)], rnd(3600), rnd(256),
		  rnd(256), rnd(256), rnd(256), rnd(256), rnd(256),
		  rnd(256), rnd(256));
	} else if (k < 7) {
		P("\"event_type\":\"flow\",\"src_ip\":\"%s\",\"src_port\":"
		  "%u,\"dest_ip\":\"%s\",\"dest_port\":443,\"proto\":\"TCP\""
		  ",\"app_proto\":\"tls\",\"flow\":{\"pkts_toserver\":%u,"
		  "\"pkts_toclient\":%u,\"bytes_toserver\":%u,"
		  "\"bytes_toclient\":%u,\"start\":\"%s\",\"end\":\"%s\","
		  "\"age\":%u,\"state\":\"closed\",\"reason\":\"timeout\","
		  "\"alerted\":false},\"tcp\":{\"tcp_flags\":\"1b\","
		  "\"syn\":true,\"fin\":true,\"psh\":true,\"ack\":true,"
		  "\"state\":\"closed\"}}\n", src, 1024 + rnd(60000), dst,
		  rnd(500), rnd(500), rnd(900000), rnd(900000), t, t,
		  rnd(300));
	} else if (k < 9) {
		P("\"event_type\":\"tls\",\"src_ip\":\"%s\",\"src_port\":%u"
		  ",\"dest_ip\":\"%s\",\"dest_port\":443,\"proto\":\"TCP\","
		  "\"tls\":{\"subject\":\"CN=%s\",\"issuerdn\":\"C=US, "
		  "O=Let's Encrypt, CN=R3\",\"serial\":\"04:%02X:%02X\","
		  "\"fingerprint\":\"%02x:%02x:%02x:%02x\",\"sni\":\"%s\","
		  "\"version\":\"TLS 1.2\",\"notbefore\":\"2020-09-01T00:00:"
		  "00\",\"notafter\":\"2020-11-30T00:00:00\",\"ja3\":{"
		  "\"hash\":\"%08x\",\"string\":\"771,4865-4866,0-23,29,0\""
		  "}}}\n", src, 1024 + rnd(60000), dst, hosts[rnd(6)],
		  rnd(256), rnd(256), rnd(256), rnd(256), rnd(256),
		  rnd(256), hosts[rnd(6)], rnd(0xffffffff));
	} else {
		P("\"event_type\":\"stats\",\"stats\":{\"uptime\":%ld,"
		  "\"capture\":{\"kernel_packets\":%u,\"kernel_drops\":%u},"
		  "\"decoder\":{\"pkts\":%u,\"bytes\":%u,\"ipv4\":%u,"
		  "\"ipv6\":%u,\"ethernet\":%u,\"tcp\":%u,\"udp\":%u,"
		  "\"avg_pkt_size\":%u,\"max_pkt_size\":1514,\"event\":{"
		  "\"ipv4\":{\"pkt_too_small\":0,\"hlen_too_small\":0},"
		  "\"tcp\":{\"opt_invalid_len\":%u}}},\"flow\":{\"memuse\":"
		  "%u,\"spare\":10000,\"emerg_mode_entered\":0},\"detect\":"
		  "{\"engines\":[{\"id\":0,\"last_reload\":\"%s\","
		  "\"rules_loaded\":31415,\"rules_failed\":0}],\"alert\":%u}"
		  ",\"ratio\":%u.%02u,\"e\":-1.5e-3}}\n", i, rnd(1u << 30),
		  rnd(100), rnd(1u << 30), rnd(1u << 31), rnd(1u << 30),
		  rnd(1000), rnd(1u << 30), rnd(1u << 30), rnd(1u << 20),
		  rnd(1500), rnd(10), rnd(1u << 26), t, rnd(100000),
		  rnd(10), rnd(100));
	}
}

int
main(int argc, char **argv)
{
	long mb, i;
	long long target;

	if (argc < 2 || (mb = atol(argv[1])) <= 0) {
		fprintf(stderr, "usage: gen-eve MEGABYTES [SEED] > eve.json\n");
		return 64;
	}
	if (argc > 2)
		rng ^= (uint64_t)atoll(argv[2]) * 0x9e3779b97f4a7c15ull;
	target = (long long)mb << 20;
	for (i = 0; nout < target; i++) {
		if (rnd(3) == 0)
			alert(i);
		else
			other(i);
	}
	return fflush(stdout) ? 74 : 0;
}
