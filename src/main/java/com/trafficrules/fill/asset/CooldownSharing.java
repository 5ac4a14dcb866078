package com.trafficrules.fill.asset;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whose rest a play starts, as the fill's cooldown rule keys it (rules/fill/cooldown.drl): a play of an asset in a
 * cooldown group is the whole group's, and each member then rests for its own type's cooldown; an asset without a
 * group rests alone. Read from the library as it stands now, for pages that show plays.
 */
@Component
public class CooldownSharing {

    /** {@code group} is null for an asset without one; {@code types} are those of the assets sharing its rest. */
    public record Sharing(String group, List<String> types) {

        /** The key the cooldown rule counts plays by: the group, else the asset's uri. */
        public String key(String uri) {
            return group != null ? group : uri;
        }
    }

    private final JdbcTemplate jdbc;

    CooldownSharing(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Each of these assets' sharing; an asset no longer in the library is left out. */
    public Map<UUID, Sharing> of(Collection<UUID> assets) {
        Map<UUID, Sharing> sharing = new HashMap<>();
        jdbc.query("""
                select a.uuid, a.cooldown_group,
                       coalesce((select array_agg(distinct m.type order by m.type) from assets m
                                  where m.cooldown_group = a.cooldown_group), array[a.type]) as types
                  from assets a where a.uuid = any(?::uuid[])
                """, row -> {
            String[] types = (String[]) row.getArray("types").getArray();
            sharing.put(row.getObject("uuid", UUID.class), new Sharing(row.getString("cooldown_group"), Arrays.asList(types)));
        }, (Object) assets.toArray(UUID[]::new));
        return sharing;
    }
}
