package dev.pictor.edit;

import java.util.List;
import java.util.stream.Collectors;

/** The immutable, ordered edits of one request and how to write the result. */
public record EditChain(List<Edit> edits, Output output) {

    public static final EditChain NONE = new EditChain(List.of(), Output.DEFAULT);

    /** More edits than any real request needs; more only multiply the work one URL can ask for. */
    public static final int MAX_EDITS = 30;

    public EditChain {
        edits = List.copyOf(edits);
        if (edits.size() > MAX_EDITS) {
            throw dev.pictor.error.ImageException.invalidParameter("a request may hold at most " + MAX_EDITS
                    + " edits, got " + edits.size());
        }
    }

    /** No edits and no output choices: the original bytes are the answer. */
    public boolean isIdentity() {
        return edits.isEmpty() && output.isDefault();
    }

    /** The stable text of the whole chain, for cache keys, ETags and tests; "original" when there is nothing to do. */
    public String canonical() {
        if (isIdentity()) {
            return "original";
        }
        String steps = edits.stream().map(Edit::canonical).collect(Collectors.joining("/"));
        String out = output.canonical();
        return out.isEmpty() ? steps : steps.isEmpty() ? out : steps + "/" + out;
    }
}
