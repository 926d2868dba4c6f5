package org.pujiang.server.space;

import java.util.List;
import java.util.Optional;
import org.pujiang.space.Bounds;
import org.pujiang.space.SpaceTemplate;
import org.pujiang.space.Visibility;

/**
 * The fields a create or a patch sets; an empty field is left as it is (patch) or defaulted
 * (create). Values are type-checked already; {@link SpaceService} checks their limits.
 *
 * @param members usernames of the members of a private space; present means "replace the list"
 * @param expectedVersion on a patch, the version the caller last read: a newer stored version is a conflict
 */
public record SpaceChanges(
        Optional<String> name,
        Optional<String> description,
        Optional<SpaceTemplate> template,
        Optional<Visibility> visibility,
        Optional<Integer> capacity,
        Optional<Bounds> bounds,
        Optional<List<String>> members,
        Optional<Long> expectedVersion) {

    /** Whether the patch changes nothing. */
    public boolean isEmpty() {
        return name.isEmpty() && description.isEmpty() && template.isEmpty() && visibility.isEmpty()
                && capacity.isEmpty() && bounds.isEmpty() && members.isEmpty();
    }
}
