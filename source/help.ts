/** The --help text: every command and flag with one line each, then examples. */
import { flagHelp } from './flags.js';

export const commandHelp: Array<[string, string]> = [
	['(none)', 'the TUI on the current kubeconfig context (the demo cluster when there is none)'],
	['check', 'report every broken link; exit 1 when any error is found'],
	['services', 'the Service table: type, ClusterIP, ports, ready endpoints, pods'],
	['ingresses', 'the Ingress routing table of one IngressClass'],
	['route URL', 'which Ingress or Gateway rule and backend serve URL (a gRPC call: http://HOST/pkg.Service/Method)'],
	['iptables', 'the iptables rules kube-proxy writes on --node'],
	['trace', 'follow one packet (--from IP --to IP:PORT[/proto]) through those rules'],
	['nftables', "the nftables ruleset kube-proxy's nftables mode writes on --node"],
	['capture', 'write what kubewire reads from the cluster as one JSON List (stdout or --file)'],
	['gateways', 'the Gateway API routing table and why a route is (not) attached'],
	['reach FROM TO', 'may FROM connect to TO? NetworkPolicy at both ends, DNS, kube-proxy, ports'],
];

export function helpText(): string {
	const width = Math.max(...commandHelp.map(([c]) => c.length));
	return `
  Why does no traffic reach my pods? kubewire shows every Service's wiring — selector, pods,
  endpoints, kube-proxy rules, Ingress routes — and points at the broken link.

  Usage
    $ kubewire [command] [flags]

  Commands
${commandHelp.map(([c, h]) => `    ${c.padEnd(width)}  ${h}`).join('\n')}

  Flags
${flagHelp()}
    -h, --help              show this help
    --version               show the version

  Examples
    $ kubewire                                  open the TUI on the current context
    $ kubewire --demo                           explore the bundled demo cluster
    $ kubewire check -n shop                    findings for one namespace (exit 1 on errors)
    $ kubewire check --fixtures dump.yaml -o json
    $ kubewire services --fixtures ./captured/
    $ kubewire ingresses --class nginx
    $ kubewire route https://shop.example.com/cart --demo
    $ kubewire route http://api.example.com/v2 --gateway infra/public --header x-env=canary
    $ kubewire route http://grpc.example.com/helloworld.Greeter/SayHello    a gRPC call
    $ kubewire iptables --demo --node worker-1 --service shop/frontend
    $ kubewire trace --demo --node worker-1 --from 10.244.1.5 --to 10.96.0.10:53/udp
    $ kubewire nftables --demo --node worker-1 --service shop/frontend
    $ kubewire capture --file cluster.json      then, anywhere: kubewire --fixtures cluster.json
    $ kubewire reach --demo ingress:nginx monitoring/grafana:80

  Exit status: 0 no error found, 1 errors found (check), 2 bad usage or unreadable input.
`;
}
