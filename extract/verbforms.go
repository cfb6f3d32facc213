package extract

import "strings"

// Gazetteer names of actions are mostly nouns ("reform of the United
// Nations", "elimination of nuclear weapons"), while speeches as often
// use the verb: "we support efforts to reform the United Nations", "we
// must eliminate nuclear weapons". verbForms derives those from a name
// that starts with one of these nouns and "of" (or "against"): the verb
// and its -ing form followed by the rest of the name.
var nominalVerbs = map[string][]string{
	"abolition":        {"abolish", "abolishing"},
	"achievement":      {"achieve", "achieving"},
	"cessation":        {"cease", "ceasing"},
	"conservation":     {"conserve", "conserving"},
	"denuclearization": {"denuclearize", "denuclearizing", "denuclearise", "denuclearising"},
	"elimination":      {"eliminate", "eliminating"},
	"empowerment":      {"empower", "empowering"},
	"enlargement":      {"enlarge", "enlarging"},
	"eradication":      {"eradicate", "eradicating"},
	"establishment":    {"establish", "establishing"},
	"expansion":        {"expand", "expanding"},
	"fulfilment":       {"fulfil", "fulfilling", "fulfill"},
	"implementation":   {"implement", "implementing"},
	"lifting":          {"lift"},
	"normalization":    {"normalize", "normalizing", "normalise", "normalising"},
	"preservation":     {"preserve", "preserving"},
	"prevention":       {"prevent", "preventing"},
	"promotion":        {"promote", "promoting"},
	"protection":       {"protect", "protecting"},
	"realization":      {"realize", "realizing", "realise", "realising"},
	"reduction":        {"reduce", "reducing"},
	"reform":           {"reform", "reforming"},
	"release":          {"release", "releasing"},
	"removal":          {"remove", "removing"},
	"repatriation":     {"repatriate", "repatriating"},
	"restoration":      {"restore", "restoring"},
	"revitalization":   {"revitalize", "revitalizing", "revitalise", "revitalising"},
	"strengthening":    {"strengthen"},
	"withdrawal":       {"withdraw", "withdrawing"},
}

// verbForms returns the verb phrases for a normalised name ("reform of
// the united nations" -> "reform the united nations", "reforming the
// united nations"), or nil.
func verbForms(name string) []string {
	noun, rest, ok := strings.Cut(name, " ")
	if !ok {
		return nil
	}
	verbs := nominalVerbs[noun]
	if verbs == nil {
		return nil
	}
	prep, obj, ok := strings.Cut(rest, " ")
	if !ok || (prep != "of" && prep != "against") {
		return nil
	}
	out := make([]string, len(verbs))
	for i, v := range verbs {
		out[i] = v + " " + obj
	}
	return out
}
