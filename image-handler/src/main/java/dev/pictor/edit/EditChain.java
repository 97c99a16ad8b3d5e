package dev.pictor.edit;

import java.util.List;
import java.util.stream.Collectors;

/** The immutable, ordered edits of one request and how to write the result. */
public record EditChain(List<Edit> edits, Output output) {

    public static final EditChain NONE = new EditChain(List.of(), Output.DEFAULT);

    public EditChain {
        edits = List.copyOf(edits);
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
